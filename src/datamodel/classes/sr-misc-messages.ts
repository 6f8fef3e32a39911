// SR messages of discovery (probe, probe_ext), the deprecated make, and the
// SR's performance data sources.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';
import { dataSourceMessages } from './data-source-messages.js';

const probeParams = [
  param('host', t.ref('host'), 'The host to create/make the SR on'),
  param('device_config', t.smap, 'The device config string that will be passed to backend SR driver'),
  param('type', t.string, 'The type of the SR; used to specify the SR backend driver to use'),
  param('sm_config', t.smap, 'Storage backend specific configuration options', {}),
];

export const srMiscMessages: readonly MessageDecl[] = [
  call('probe', {
    params: probeParams,
    result: t.string,
    resultDoc: 'An XML fragment containing the scan results.',
    errors: ['SR_UNKNOWN_DRIVER', 'INVALID_VALUE', 'SR_BACKEND_FAILURE', 'HOST_OFFLINE'],
    role: 'pool-operator',
    async: true,
    doc:
      'List the SRs of the type found at device_config (for file and sim: the directory device_config:location), ' +
      "as xapi's XML: <SRlist><SR><size/><name_label/><name_description/><UUID/></SR>…</SRlist>.",
  }),
  call('probe_ext', {
    params: probeParams,
    result: t.set(t.record('probe_result')),
    resultDoc: 'A set of records containing the scan results.',
    errors: ['SR_UNKNOWN_DRIVER', 'INVALID_VALUE', 'SR_BACKEND_FAILURE', 'HOST_OFFLINE'],
    role: 'pool-operator',
    async: true,
    doc: 'List what is found at device_config as probe_result records: the configuration and the SR there, if any.',
  }),
  call('make', {
    params: [
      param('host', t.ref('host'), 'The host to create/make the SR on'),
      param('device_config', t.smap, 'The device config string that will be passed to backend SR driver'),
      param('physical_size', t.int, 'The physical size of the new storage repository'),
      param('name_label', t.string, 'The name of the new storage repository'),
      param('name_description', t.string, 'The description of the new storage repository'),
      param('type', t.string, 'The type of the SR; used to specify the SR backend driver to use'),
      param('content_type', t.string, 'The type of the new SRs content, if required (e.g. ISOs)'),
      param('sm_config', t.smap, 'Storage backend specific configuration options', {}),
    ],
    result: t.string,
    resultDoc: 'The uuid of the newly created Storage Repository.',
    errors: ['MESSAGE_DEPRECATED'],
    role: 'pool-operator',
    async: true,
    lifecycle: 'deprecated',
    doc: 'Deprecated: use SR.create. Fails with MESSAGE_DEPRECATED, as xapi.',
  }),
  ...dataSourceMessages('SR', 'sr', 'pool-operator', 'io_throughput_read'),
];
