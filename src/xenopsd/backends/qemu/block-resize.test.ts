import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resizeCall } from './block-resize.js';

test('block_resize goes to the node the device sits on, whatever overlays are below it', () => {
  assert.deepEqual(resizeCall('xvda', 4096), {
    execute: 'block_resize',
    arguments: { 'node-name': 'drive-xvda', size: 4096 },
  });
});
