import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convertArgs,
  createArgs,
  infoArgs,
  parseInfo,
  parseMeasure,
  parseProgress,
  resizeArgs,
} from './qemu-img.js';

test('argv of create, resize, info and convert', () => {
  assert.deepEqual(createArgs('/sr/a.qcow2', 'qcow2', 1048576), [
    'create',
    '-q',
    '-f',
    'qcow2',
    '/sr/a.qcow2',
    '1048576',
  ]);
  assert.deepEqual(
    createArgs('/sr/b.qcow2', 'qcow2', 512, { backing: { file: 'a.raw', format: 'raw' }, preallocate: true }),
    [
      'create',
      '-q',
      '-f',
      'qcow2',
      '-b',
      'a.raw',
      '-F',
      'raw',
      '-o',
      'preallocation=falloc',
      '/sr/b.qcow2',
      '512',
    ],
  );
  assert.deepEqual(
    createArgs('/sr/c.qcow2', 'qcow2', 512, {
      backing: { file: 'b.qcow2', format: 'qcow2' },
      backingMayBeAbsent: true,
    }),
    ['create', '-q', '-f', 'qcow2', '-u', '-b', 'b.qcow2', '-F', 'qcow2', '/sr/c.qcow2', '512'],
  );
  assert.deepEqual(resizeArgs('/x.raw', 'raw', 4096), ['resize', '-q', '-f', 'raw', '/x.raw', '4096']);
  assert.deepEqual(infoArgs('/x'), ['info', '--output=json', '-U', '/x']);
  assert.deepEqual(
    convertArgs(
      { path: '/a', format: 'qcow2' },
      { path: '/b', format: 'raw' },
      { existing: true, rateLimit: 1e6 },
    ),
    ['convert', '-p', '-f', 'qcow2', '-O', 'raw', '-n', '-r', '1000000', '/a', '/b'],
  );
});

test('info and measure JSON', () => {
  const info = parseInfo(
    JSON.stringify({
      'virtual-size': 67108864,
      filename: 'b.qcow2',
      format: 'qcow2',
      'actual-size': 200704,
      'backing-filename': 'a.qcow2',
      'full-backing-filename': '/sr/a.qcow2',
    }),
  );
  assert.deepEqual(info, {
    virtualSize: 67108864,
    actualSize: 200704,
    format: 'qcow2',
    backingFile: 'a.qcow2',
  });
  assert.equal(parseInfo('{"virtual-size": 1, "format": "raw"}').backingFile, undefined);
  assert.equal(parseMeasure('{"required": 33882112, "fully-allocated": 67436544}'), 33882112);
});

test('progress is parsed across chunk boundaries', () => {
  let r = parseProgress('', '    (0.00/100%)\r    (6.2');
  assert.deepEqual(r.fractions, [0]);
  r = parseProgress(r.rest, '5/100%)\r    (100.00/100%)\n');
  assert.deepEqual(r.fractions, [0.0625, 1]);
  assert.equal(r.rest, '');
});
