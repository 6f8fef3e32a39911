// TASK_FAILED: an asynchronous call's task ended in failure (not a
// cancellation). xapi raises nothing for this; the message is about the host
// the task ran on, since message.cls has no task class.
import type { XapiDb } from '../store.js';
import { raiseAlert } from './raise.js';

export function raiseTaskFailed(db: XapiDb, task: string, errorInfo: readonly string[]): void {
  const row = db.find('task', task);
  if (!row) return;
  const host = db.find('host', row.resident_on);
  if (!host) return;
  raiseAlert(db, {
    name: 'TASK_FAILED',
    cls: 'Host',
    objUuid: host.uuid,
    body: `Task '${row.name_label}' (uuid: ${row.uuid}) failed: ${errorInfo.join(' ')}`,
  });
}
