// VM messages of the performance data sources, answered by this host's rrdd.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

const self = param('self', t.ref('VM'), 'The VM.');
const ds = param('data_source', t.string, 'The data source name (e.g. cpu0, memory).');
const errors = ['INVALID_VALUE'];

export const vmMetricsMessages: readonly MessageDecl[] = [
  call('get_data_sources', {
    params: [self],
    result: t.set(t.record('data_source')),
    resultDoc: 'A set of data sources',
    errors,
    role: 'read-only',
    doc: 'The data sources of a running VM, recorded or available, with their latest values.',
  }),
  call('record_data_source', {
    params: [self, ds],
    errors,
    role: 'vm-admin',
    doc: 'Start recording a data source that is available but not recorded.',
  }),
  call('query_data_source', {
    params: [self, ds],
    result: t.float,
    resultDoc: 'The latest value, averaged over the last 5 seconds',
    errors,
    role: 'read-only',
    doc: 'The latest value of a recorded data source.',
  }),
  call('forget_data_source_archives', {
    params: [self, ds],
    errors,
    role: 'vm-admin',
    doc: "Drop a data source's recorded history.",
  }),
];
