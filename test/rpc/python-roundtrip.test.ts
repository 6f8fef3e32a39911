// What Python's xmlrpc.client (the transport of XenAPI.py) makes of our
// XML-RPC output: the types it sees for every wire type. Skipped where no
// python3 is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { t } from '../../src/datamodel/build.js';
import { Typed } from '../../src/datamodel/types.js';
import { encodeXmlFailure, encodeXmlSuccess, parseXmlRequest } from '../../src/rpc/index.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

// Prints {name: [python type, str(value)]} for the struct in Value (or the ErrorDescription).
const READ = `
import sys, json, xmlrpc.client
(params,), _ = xmlrpc.client.loads(sys.stdin.read())
out = params["Value"] if params["Status"] == "Success" else params["ErrorDescription"]
if isinstance(out, dict):
    out = {k: [type(v).__name__, str(v)] for k, v in out.items()}
print(json.dumps(out))
`;

function python(script: string, input: string): unknown {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('xmlrpc.client reads our values with the right Python types', { skip: !hasPython }, () => {
  const ty = t.struct({
    s: t.string,
    i: t.int,
    i32: t.int32,
    f: t.float,
    one: t.float,
    b: t.bool,
    d: t.datetime,
    set: t.set(t.string),
    map: t.smap,
    dyn: t.dynamic,
  });
  const body = encodeXmlSuccess(
    {
      s: 'é & <x>',
      i: 17179869184,
      i32: 3,
      f: 0.1,
      one: 1,
      b: false,
      d: '20240510T16:41:04Z',
      set: ['a'],
      map: { k: 'v' },
      dyn: new Typed(2.5, t.float),
    },
    ty,
  );
  assert.deepEqual(python(READ, body), {
    s: ['str', 'é & <x>'],
    i: ['str', '17179869184'],
    i32: ['int', '3'],
    f: ['float', '0.1'],
    one: ['float', '1.0'],
    b: ['bool', 'False'],
    d: ['DateTime', '20240510T16:41:04Z'],
    set: ['list', "['a']"],
    map: ['dict', "{'k': 'v'}"],
    dyn: ['float', '2.5'],
  });
  assert.deepEqual(python(READ, encodeXmlFailure(['SESSION_INVALID', 'OpaqueRef:x'])), [
    'SESSION_INVALID',
    'OpaqueRef:x',
  ]);
});

test('we parse what xmlrpc.client sends', { skip: !hasPython }, () => {
  const r = spawnSync(
    'python3',
    [
      '-c',
      `import sys, xmlrpc.client; sys.stdout.write(xmlrpc.client.dumps(("OpaqueRef:s", "é", 42, 1.5, True, None, {"k": [1]}), "VM.do", allow_none=True))`,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const req = parseXmlRequest(Buffer.from(r.stdout, 'utf8'));
  assert.equal(req.method, 'VM.do');
  assert.deepEqual(req.params, [
    { t: 'string', v: 'OpaqueRef:s' },
    { t: 'string', v: 'é' },
    { t: 'int', v: '42' },
    { t: 'double', v: '1.5' },
    { t: 'boolean', v: '1' },
    { t: 'nil' },
    { t: 'struct', v: [['k', { t: 'array', v: [{ t: 'int', v: '1' }] }]] },
  ]);
});
