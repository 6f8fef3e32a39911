import { call, defineClass, enumOf, field, nameFields, param, t, uid } from '../build.js';

export const task = defineClass({
  name: 'task',
  doc: 'A long-running asynchronous operation, which clients can watch and cancel.',
  writeRole: 'pool-operator',
  enums: [
    enumOf('task_allowed_operations', [
      ['cancel', 'The task can be cancelled.'],
      ['destroy', 'The task can be destroyed.'],
    ]),
    enumOf('task_status_type', [
      ['pending', 'The task is in progress.'],
      ['success', 'The task completed successfully.'],
      ['failure', 'The task failed.'],
      ['cancelling', 'The task is being cancelled.'],
      ['cancelled', 'The task was cancelled.'],
    ]),
  ],
  fields: [
    uid(),
    ...nameFields('DynamicRO'),
    field(
      'allowed_operations',
      t.set(t.enum('task_allowed_operations')),
      'DynamicRO',
      'Operations allowed in the current state (advisory).',
      { default: [] },
    ),
    field(
      'current_operations',
      t.map(t.string, t.enum('task_allowed_operations')),
      'DynamicRO',
      'Operations in progress on the task, by the task that runs them.',
      { default: {} },
    ),
    field('created', t.datetime, 'DynamicRO', 'When the task was created.'),
    field('finished', t.datetime, 'DynamicRO', 'When the task finished (unset while pending).'),
    field('status', t.enum('task_status_type'), 'DynamicRO', 'Current status.', { default: 'pending' }),
    field('resident_on', t.ref('host'), 'DynamicRO', 'The host running the task.'),
    field('progress', t.float, 'DynamicRO', 'Progress between 0 and 1.'),
    field('type', t.string, 'DynamicRO', 'Type of the result, if the task produces one.'),
    field('result', t.string, 'DynamicRO', 'The result as an XML-RPC value fragment, on success.'),
    field('error_info', t.set(t.string), 'DynamicRO', 'The error code and its parameters, on failure.'),
    field('other_config', t.smap, 'RW', 'Additional configuration.', { default: {} }),
    field('subtask_of', t.ref('task'), 'DynamicRO', 'The parent task, if any.'),
    field('subtasks', t.set(t.ref('task')), 'DynamicRO', 'The child tasks.'),
    field('backtrace', t.string, 'DynamicRO', 'Where the task failed, for debugging.', { default: '()' }),
  ],
  messages: [
    call('create', {
      params: [
        param('label', t.string, 'Name of the task.'),
        param('description', t.string, 'Its description.'),
      ],
      result: t.ref('task'),
      resultDoc: 'The new task.',
      role: 'read-only',
      doc: 'Create a task owned by the client, e.g. to follow an HTTP transfer.',
    }),
    call('destroy', {
      params: [param('self', t.ref('task'), 'The task.')],
      role: 'read-only',
      doc: 'Destroy the task; a pending one is cancelled first.',
    }),
    call('cancel', {
      params: [param('task', t.ref('task'), 'The task.')],
      errors: ['OPERATION_NOT_ALLOWED'],
      role: 'read-only',
      async: true,
      doc: 'Ask the task to stop; it ends with status cancelled if the operation can be stopped.',
    }),
    call('set_status', {
      params: [
        param('self', t.ref('task'), 'The task.'),
        param('value', t.enum('task_status_type'), 'New status.'),
      ],
      role: 'read-only',
      doc: 'Set the status of a client-owned task.',
    }),
    call('set_progress', {
      params: [param('self', t.ref('task'), 'The task.'), param('value', t.float, 'New progress, 0 to 1.')],
      role: 'read-only',
      doc: 'Set the progress of a client-owned task.',
    }),
    call('set_result', {
      params: [param('self', t.ref('task'), 'The task.'), param('value', t.string, 'The result.')],
      role: 'read-only',
      doc: 'Set the result of a client-owned task.',
    }),
    call('set_error_info', {
      params: [param('self', t.ref('task'), 'The task.'), param('value', t.set(t.string), 'The error.')],
      role: 'read-only',
      doc: 'Set the error of a client-owned task.',
    }),
  ],
});
