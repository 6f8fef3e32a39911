import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../datamodel/api-error.js';
import { pluginCall, pluginResult } from './plugins.js';

const wire = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e.toWire();
    throw e;
  }
  return assert.fail('no error');
};

test('the methodCall a plug-in gets: the function, the session, the arguments as a struct of strings', () => {
  assert.equal(
    pluginCall('main', 'OpaqueRef:s', { remote_host_uuid: 'u', 'a&b': '<x>' }),
    '<?xml version="1.0"?><methodCall><methodName>main</methodName><params>' +
      '<param><value>OpaqueRef:s</value></param>' +
      '<param><value><struct><member><name>remote_host_uuid</name><value>u</value></member>' +
      '<member><name>a&amp;b</name><value>&lt;x&gt;</value></member></struct></value></param>' +
      '</params></methodCall>',
  );
});

test("a plug-in's answers: success, its own failure, a fault, and what is not an answer", () => {
  const envelope = (members: string) =>
    `<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><struct>${members}</struct></value>\n</param>\n</params>\n</methodResponse>\n`;
  const m = (k: string, v: string) => `<member>\n<name>${k}</name>\n<value>${v}</value>\n</member>\n`;
  assert.equal(
    pluginResult(envelope(m('Status', '<string>Success</string>') + m('Value', '<string>True</string>'))),
    'True',
  );
  assert.equal(pluginResult(envelope(m('Status', 'Success') + m('Value', ''))), '');
  const desc = '<array><data><value><string>HOST_OFFLINE</string></value><value>h</value></data></array>';
  assert.deepEqual(
    wire(() => pluginResult(envelope(m('Status', 'Failure') + m('ErrorDescription', desc)))),
    ['HOST_OFFLINE', 'h'],
  );
  const fault =
    '<?xml version="1.0"?><methodResponse><fault><value><struct>' +
    '<member><name>faultCode</name><value><int>7</int></value></member>' +
    '<member><name>faultString</name><value>bad</value></member></struct></value></fault></methodResponse>';
  assert.deepEqual(
    wire(() => pluginResult(fault)),
    ['XENAPI_PLUGIN_FAILURE', 'fault', '7', 'bad'],
  );
  // a value that is not a string, a struct without a Status, two params: not an answer xapi takes
  for (const out of [
    envelope(m('Status', 'Success') + m('Value', '<array><data></data></array>')),
    envelope(m('Value', 'x')),
    '<?xml version="1.0"?><methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>',
  ])
    assert.deepEqual(
      wire(() => pluginResult(out)),
      ['XENAPI_PLUGIN_FAILURE', 'unexpected XMLRPC result', out, ''],
    );
  const [code, status, stdout] = wire(() => pluginResult('True\n'));
  assert.deepEqual(
    [code, status, stdout],
    ['XENAPI_PLUGIN_FAILURE', 'failed to parse plugin output', 'True\n'],
  );
  const [, callStatus] = wire(() =>
    pluginResult('<?xml version="1.0"?><methodCall><methodName>x</methodName></methodCall>'),
  );
  assert.equal(callStatus, 'failed to parse plugin output');
});
