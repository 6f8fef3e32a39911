// What Python's xmlrpc.client (the transport of XenAPI.py) makes of our
// XML-RPC output: the types it sees for every wire type. Skipped where no
// python3 is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { t } from '../../src/datamodel/build.js';
import { Typed } from '../../src/datamodel/types.js';
import { encodeXmlFailure, encodeXmlSuccess, parseXmlRequest } from '../../src/rpc/index.js';
import { formatG16 } from '../../src/rpc/float.js';

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

test('formatG16 agrees with C printf("%.16g") on random doubles', { skip: !hasPython }, () => {
  let seed = 12345;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const view = new DataView(new ArrayBuffer(8));
  const xs: number[] = [0.1 + 0.2, 1000000000000000.5, 1e-5, 2.5, 0.125];
  while (xs.length < 6000) {
    view.setUint32(0, next());
    view.setUint32(4, next());
    const bits = view.getFloat64(0);
    if (Number.isFinite(bits)) xs.push(bits);
    xs.push((next() - 2 ** 31) / 2 ** (next() % 40));
  }
  // Python's % operator on floats is C's printf.
  const script = 'import sys\nfor l in sys.stdin: print("%.16g" % float.fromhex(l))';
  const hex = xs.map((x) => toHex(x)).join('\n');
  const r = spawnSync('python3', ['-c', script], { input: hex, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const want = r.stdout.trimEnd().split('\n');
  xs.forEach((x, i) => assert.equal(formatG16(x), want[i], toHex(x)));
});

/** A double as C99 hex float text, exact. */
function toHex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const sign = hi >>> 31 ? '-' : '';
  const e = (hi >>> 20) & 0x7ff;
  const mant =
    ((hi & 0xfffff).toString(16).padStart(5, '0') + lo.toString(16).padStart(8, '0')).replace(/0+$/, '') ||
    '0';
  if (e === 0) return `${sign}0x0.${mant}p-1022`;
  return `${sign}0x1.${mant}p${e - 1023}`;
}
