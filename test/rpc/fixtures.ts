// Values shared by the codec tests: a complete task record and the like.
import { emptyValue } from '../../src/datamodel/build.js';
import { classByName } from '../../src/datamodel/index.js';
import type { Value } from '../../src/datamodel/types.js';

export const taskFieldNames: readonly string[] = (classByName.get('task')?.fields ?? []).map((f) => f.name);

/** A task record with every field set, values chosen to exercise escaping and every wire type of task. */
export function sampleTask(): Record<string, Value> {
  const chosen: Record<string, Value> = {
    uuid: '5c8e2f4a-2b1d-4f3e-9a7b-0c6d5e4f3a2b',
    name_label: 'Async.VM.start',
    name_description: 'a & b <c>',
    allowed_operations: ['cancel'],
    current_operations: {},
    created: '20240510T16:41:04Z',
    finished: '19700101T00:00:00Z',
    status: 'pending',
    resident_on: 'OpaqueRef:0b5e6d0c-3e0f-4c1c-8d58-9b2f1b1c2d3e',
    progress: 0.5,
    type: '<none/>',
    result: '',
    error_info: [],
    other_config: { k: 'v' },
    subtask_of: 'OpaqueRef:NULL',
    subtasks: [],
    backtrace: '()',
  };
  // Fields added to the class later get their type's empty value.
  const rec: Record<string, Value> = {};
  for (const f of classByName.get('task')?.fields ?? []) {
    const v = chosen[f.name] ?? f.default ?? emptyValue(f.ty);
    if (v !== undefined) rec[f.name] = v;
  }
  return rec;
}
