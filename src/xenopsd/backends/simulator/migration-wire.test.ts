import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame, FrameReader, maxFrame, memoryPages, parseTcpUri, tcpUri } from './migration-wire.js';

test('frames survive being cut anywhere', () => {
  const bytes = Buffer.concat([
    encodeFrame('header', { vm: 'a' }),
    encodeFrame('memory', Buffer.alloc(1000, 7)),
    encodeFrame('ack', {}),
  ]);
  for (const cut of [1, 3, 5, 6, 500, bytes.length - 1]) {
    const r = new FrameReader();
    const frames = [...r.push(bytes.subarray(0, cut)), ...r.push(bytes.subarray(cut))];
    assert.deepEqual(
      frames.map((f) => f.type),
      ['header', 'memory', 'ack'],
    );
    assert.equal(frames[1]?.payload.length, 1000);
  }
});

test('a malformed stream is refused', () => {
  assert.throws(() => new FrameReader().push(Buffer.from([0x00, 0, 0, 0, 0])), /unknown frame type/);
  const huge = Buffer.alloc(5);
  huge.writeUInt8(0x4d, 0);
  huge.writeUInt32BE(maxFrame + 1, 1);
  assert.throws(() => new FrameReader().push(huge), /too large/);
});

test('memory passes shrink and stay deterministic', () => {
  const p0 = memoryPages('vm', 2 ** 28, 0);
  const p1 = memoryPages('vm', 2 ** 28, 1);
  assert.ok(p1.length < p0.length && p1.length > 0);
  assert.deepEqual(memoryPages('vm', 2 ** 28, 1), p1);
  assert.notDeepEqual(memoryPages('other', 2 ** 28, 1)[0], p1[0]);
});

test('tcp URIs, IPv6 included', () => {
  assert.equal(tcpUri('127.0.0.1', 4000), 'tcp:127.0.0.1:4000');
  assert.equal(tcpUri('::1', 4000), 'tcp:[::1]:4000');
  assert.deepEqual(parseTcpUri('tcp:[::1]:4000'), { host: '::1', port: 4000 });
  assert.deepEqual(parseTcpUri('tcp:10.0.0.2:1'), { host: '10.0.0.2', port: 1 });
  assert.throws(() => parseTcpUri('tcp:host:99999'));
  assert.throws(() => parseTcpUri('unix:/x'));
});
