// The performance data source messages, the same for every class whose
// metrics this host's rrdd keeps (host, VM, SR): only the class, the name
// of the object parameter and the role that may change what is recorded differ.
import { call, param, t } from '../build.js';
import type { MessageDecl, Role } from '../types.js';

export function dataSourceMessages(
  cls: 'host' | 'VM' | 'SR',
  paramName: string,
  writeRole: Role,
  example: string,
): MessageDecl[] {
  const self = param(paramName, t.ref(cls), `The ${cls}.`);
  const ds = param('data_source', t.string, `The data source name (e.g. ${example}).`);
  const errors = ['INVALID_VALUE'];
  return [
    call('get_data_sources', {
      params: [self],
      result: t.set(t.record('data_source')),
      resultDoc: 'A set of data sources',
      errors,
      role: 'read-only',
      doc: `The data sources of the ${cls}, recorded or available, with their latest values.`,
    }),
    call('record_data_source', {
      params: [self, ds],
      errors,
      role: writeRole,
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
      role: writeRole,
      doc: "Drop a data source's recorded history.",
    }),
  ];
}
