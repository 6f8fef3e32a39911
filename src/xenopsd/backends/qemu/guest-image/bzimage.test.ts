import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bzImagePayload } from './bzimage.js';

function fakeImage(setupSects: number, payloadOffset: number, payload: Buffer): Buffer {
  const img = Buffer.alloc((setupSects + 1) * 512 + payloadOffset + payload.length + 16);
  img[0x1f1] = setupSects;
  img.write('HdrS', 0x202, 'latin1');
  img.writeUInt16LE(0x20f, 0x206);
  img.writeUInt32LE(payloadOffset, 0x248);
  img.writeUInt32LE(payload.length, 0x24c);
  payload.copy(img, (setupSects + 1) * 512 + payloadOffset);
  return img;
}

test('finds an xz payload from the header fields', () => {
  const payload = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 9, 9, 9, 9]);
  const p = bzImagePayload(fakeImage(27, 0x3b4, payload));
  assert.deepEqual(p, { offset: 28 * 512 + 0x3b4, length: 10, format: 'xz' });
});

test('recognises gzip and refuses non-bzImages', () => {
  assert.equal(bzImagePayload(fakeImage(4, 16, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]))).format, 'gzip');
  assert.throws(() => bzImagePayload(Buffer.alloc(4096)), /not a bzImage/);
  const bad = fakeImage(4, 16, Buffer.alloc(8));
  bad.writeUInt32LE(1 << 30, 0x24c);
  assert.throws(() => bzImagePayload(bad), /outside/);
});
