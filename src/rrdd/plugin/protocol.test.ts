// Plugin files: the V2 byte layout, CRC checks, metadata caching, V1, and
// the registry's back-off from broken plugins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { PluginV2Reader, PluginV2Writer } from './protocol-v2.js';
import { encodePluginV1, PluginV1Reader } from './protocol-v1.js';
import { PluginFormatError, type PluginDs } from './metadata.js';
import { PluginRegistry } from './registry.js';
import { ApiError } from '../../datamodel/api-error.js';

const VM = 'f00dfeed-0000-4000-8000-000000000001';

function pds(
  name: string,
  owner: PluginDs['owner'],
  valueType: PluginDs['valueType'],
  dflt = true,
): PluginDs {
  return {
    owner,
    valueType,
    descriptor: {
      name,
      description: `the ${name}`,
      units: 'B',
      type: 'gauge',
      min: 0,
      max: Infinity,
      default: dflt,
      transform: 'identity',
    },
  };
}

const SOURCES = [
  pds('zeta', { kind: 'host', uuid: '' }, 'float'),
  pds('alpha', { kind: 'vm', uuid: VM }, 'int64'),
  pds('mid', { kind: 'host', uuid: '' }, 'int64', false),
];

test('V2 layout: header, CRCs, count, timestamp, values, metadata', () => {
  const buf = new PluginV2Writer(SOURCES).encode(1700000000.5, [1.25, 2n ** 40n, 7]);
  assert.equal(buf.subarray(0, 11).toString('latin1'), 'DATASOURCES');
  assert.equal(buf.readUInt32BE(19), 3);
  assert.equal(buf.readDoubleBE(23), 1700000000.5);
  assert.equal(buf.readDoubleBE(31), 1.25);
  assert.equal(buf.readBigInt64BE(39), 2n ** 40n);
  assert.equal(buf.readBigInt64BE(47), 7n);
  assert.equal(buf.readUInt32BE(11), crc32(buf.subarray(23, 55)));
  const metaLen = buf.readUInt32BE(55);
  const meta = buf.subarray(59, 59 + metaLen);
  assert.equal(59 + metaLen, buf.length);
  assert.equal(buf.readUInt32BE(15), crc32(meta));
  const doc = JSON.parse(meta.toString()) as { datasources: Record<string, Record<string, string>> };
  assert.deepEqual(Object.keys(doc.datasources), ['zeta', 'alpha', 'mid']);
  assert.deepEqual(doc.datasources['alpha'], {
    description: 'the alpha',
    owner: `vm ${VM}`,
    value_type: 'int64',
    type: 'gauge',
    default: 'true',
    units: 'B',
    min: '0',
    max: 'inf',
  });
});

test('V2 reader: readings per owner in metadata order; unchanged data is no update', () => {
  const w = new PluginV2Writer(SOURCES);
  const r = new PluginV2Reader();
  const first = r.read(w.encode(100, [1.5, 10, 20]));
  assert.equal(first.kind, 'readings');
  if (first.kind !== 'readings') return;
  assert.equal(first.timestamp, 100);
  assert.deepEqual(
    first.readings.map((x) => [x.owner.kind, x.descriptors.map((d) => d.name), [...x.values]]),
    [
      ['host', ['zeta', 'mid'], [1.5, 20]],
      ['vm', ['alpha'], [10]],
    ],
  );
  const descriptorsBefore = first.readings[0]?.descriptors;
  assert.deepEqual(r.read(w.encode(100, [1.5, 10, 20])), { kind: 'no-update' });
  const second = r.read(w.encode(105, [2.5, 11, 21]));
  assert.equal(second.kind, 'readings');
  if (second.kind !== 'readings') return;
  assert.deepEqual([...(second.readings[0]?.values ?? [])], [2.5, 21]);
  assert.equal(second.readings[0]?.descriptors, descriptorsBefore, 'metadata parsed once, arrays reused');
});

test('V2 reader: corruption and bad metadata are refused', () => {
  const good = new PluginV2Writer(SOURCES).encode(100, [1, 2, 3]);
  const corrupt = (f: (b: Buffer) => void): Buffer => {
    const b = Buffer.from(good);
    f(b);
    return b;
  };
  const bads: Buffer[] = [
    Buffer.alloc(0),
    corrupt((b) => b.write('DATASOURCEZ', 0, 'latin1')),
    corrupt((b) => b.writeDoubleBE(99, 31)), // value changed, data CRC stale
    corrupt((b) => (b[b.length - 3] = 0x20)), // metadata changed, its CRC stale
    corrupt((b) => b.writeUInt32BE(4, 19)), // count disagrees with metadata
    good.subarray(0, 40),
  ];
  for (const b of bads) assert.throws(() => new PluginV2Reader().read(b), PluginFormatError);
  const badMeta = (meta: string): Buffer => {
    const m = Buffer.from(meta);
    const b = Buffer.alloc(31 + 4 + m.length);
    b.write('DATASOURCES', 0, 'latin1');
    b.writeUInt32BE(crc32(m), 15);
    b.writeUInt32BE(0, 19);
    b.writeDoubleBE(1, 23);
    b.writeUInt32BE(crc32(b.subarray(23, 31)), 11);
    b.writeUInt32BE(m.length, 31);
    m.copy(b, 35);
    return b;
  };
  assert.equal(new PluginV2Reader().read(badMeta('{"datasources":{}}\0\0')).kind, 'readings');
  for (const meta of [
    'nope',
    '{}',
    '{"datasources":{"x":{"value_type":"double"}}}',
    '{"datasources":{"x":{"value_type":"float","owner":"vm"}}}',
    '{"datasources":{"x":{"value_type":"float","type":"counter"}}}',
    '{"datasources":{"x":{"value_type":"float","min":"low"}}}',
    '{"datasources":{"7":{"value_type":"float"}}}',
  ]) {
    assert.throws(() => new PluginV2Reader().read(badMeta(meta)), PluginFormatError, meta);
  }
});

test('V1: length, md5 and JSON with values', () => {
  const json = JSON.stringify({
    timestamp: 1339685573,
    data_sources: {
      'cpu-temp-cpu0': {
        description: 'Temperature of CPU 0',
        type: 'absolute',
        units: 'degC',
        value: '64.33',
        value_type: 'float',
      },
      fans: { owner: `vm ${VM}`, value: '3', value_type: 'int64', default: 'true' },
    },
  });
  const buf = encodePluginV1(json);
  assert.match(buf.toString('latin1', 0, 12 + 9), /^DATASOURCES\n[0-9a-f]{8}\n$/);
  const r = new PluginV1Reader();
  const got = r.read(buf);
  assert.equal(got.kind, 'readings');
  if (got.kind !== 'readings') return;
  assert.equal(got.timestamp, 1339685573);
  assert.deepEqual(
    got.readings.map((x) => [x.owner.uuid, [...x.values]]),
    [
      ['', [64.33]],
      [VM, [3]],
    ],
  );
  assert.deepEqual(r.read(buf), { kind: 'no-update' });
  const tampered = Buffer.from(buf);
  tampered[tampered.length - 5] = 0x41;
  assert.throws(() => new PluginV1Reader().read(tampered), PluginFormatError);
});

test('registry: register, paths, errors, and back-off doubling to 256 cycles', async () => {
  const files = new Map<string, Buffer>();
  const reg = new PluginRegistry({
    dir: '/m',
    secondsToNextReading: () => 3,
    readFile: async (p) => {
      const b = files.get(p);
      if (!b) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return b;
    },
  });
  assert.equal(reg.register('good', 'Five_Seconds', 'V2'), 3);
  assert.equal(reg.register('broken', 'Five_Seconds', 'V2'), 3);
  assert.equal(reg.getPath('good'), '/m/good');
  assert.equal(reg.getHeader(), 'DATASOURCES');
  for (const [args, field] of [
    [['../x', 'Five_Seconds', 'V2'], 'uid'],
    [['ok', 'Ten_Seconds', 'V2'], 'frequency'],
    [['ok', 'Five_Seconds', 'V3'], 'protocol'],
  ] as const) {
    assert.throws(
      () => reg.register(args[0], args[1], args[2]),
      (e: unknown) => e instanceof ApiError && e.code === 'INVALID_VALUE' && e.params[0] === field,
    );
  }
  assert.throws(() => reg.nextReading('nobody'), ApiError);
  const w = new PluginV2Writer(SOURCES);
  let t = 0;
  const attempts: boolean[] = [];
  for (let cycle = 0; cycle < 40; cycle++) {
    files.set('/m/good', w.encode((t += 5), [t, 1, 2]));
    const c = await reg.collect();
    assert.equal(c.readings.length, 2, 'the good plugin is read every cycle');
    attempts.push(c.failures.some((f) => f.uid === 'broken'));
  }
  // tried at cycles 0, 2, 5, 10, 19, 36: skips of 1, 2, 4, 8, 16
  assert.deepEqual(
    attempts.flatMap((a, i) => (a ? [i] : [])),
    [0, 2, 5, 10, 19, 36],
  );
  reg.deregister('broken');
  reg.deregister('never-registered');
  assert.deepEqual(reg.registered(), ['good']);
});

test('a writer refuses to publish one name twice (names are metadata keys)', () => {
  const vm2 = { kind: 'vm', uuid: 'f00dfeed-0000-4000-8000-000000000002' } as const;
  assert.throws(
    () => new PluginV2Writer([pds('cpu0', { kind: 'vm', uuid: VM }, 'float'), pds('cpu0', vm2, 'float')]),
    PluginFormatError,
  );
});
