// Waiting for an alert: event.from on class "message" until a message of that
// name about that object is created (the first round, token '', also sees the
// messages that exist already).
import type { XapiClient } from '../../src/client/generated.js';
import type { MessageRecord } from '../../src/generated/api-types.js';

export async function untilMessage(
  c: XapiClient,
  name: string,
  objUuid: string,
  timeoutS = 120,
): Promise<MessageRecord> {
  const deadline = Date.now() + timeoutS * 1000;
  let token = '';
  for (;;) {
    const left = (deadline - Date.now()) / 1000;
    if (left <= 0)
      throw new Error(`timed out after ${timeoutS} s waiting for message ${name} about ${objUuid}`);
    const batch = await c.event.from(['message'], token, Math.min(left, 30));
    for (const e of batch.events) {
      const m = e.snapshot as Partial<MessageRecord> | undefined;
      if (e.operation === 'add' && m?.name === name && m.obj_uuid === objUuid) return m as MessageRecord;
    }
    token = batch.token;
  }
}

/** The current event token of class "message", to read the messages created after it. */
export async function messageToken(c: XapiClient): Promise<string> {
  return (await c.event.from(['message'], '', 0)).token;
}

/** The names of the messages about `objUuid` created after `token`, in the order they were made. */
export async function messageNamesSince(c: XapiClient, token: string, objUuid: string): Promise<string[]> {
  const batch = await c.event.from(['message'], token, 0);
  return batch.events
    .filter((e) => e.operation === 'add' && (e.snapshot as Partial<MessageRecord>).obj_uuid === objUuid)
    .map((e) => String((e.snapshot as Partial<MessageRecord>).name));
}
