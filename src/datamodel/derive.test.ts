import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messagesOf } from './derive.js';
import { task } from './classes/task.js';
import { session } from './classes/session.js';

test('implicit messages follow the qualifiers of the fields', () => {
  const names = messagesOf(task).map((m) => m.name);
  assert.ok(names.includes('get_status'));
  assert.ok(names.includes('set_other_config'));
  assert.ok(names.includes('add_to_other_config'));
  assert.ok(names.includes('remove_from_other_config'));
  assert.ok(!names.includes('add_to_current_operations'), 'no adder for a DynamicRO map');
  assert.ok(names.includes('get_all_records'));
  // the hand-written task.create wins over any implicit one
  const create = messagesOf(task).filter((m) => m.name === 'create');
  assert.equal(create.length, 1);
  assert.equal(create[0]?.tag.kind, 'custom');
});

test('classes without get_all expose no get_all_records', () => {
  const names = messagesOf(session).map((m) => m.name);
  assert.ok(names.includes('get_record'));
  assert.ok(!names.includes('get_all_records'));
});
