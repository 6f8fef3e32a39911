// Persistent queues across a SIGKILL of the switch: 10,000 messages are sent
// and consumed while the switch is killed and restarted in the middle. Every
// message whose send was confirmed is delivered; no message whose ack was
// confirmed is ever delivered again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ApiError } from '../../src/datamodel/api-error.js';
import { SwitchClient } from '../../src/switch/client.js';
import type { MessageId } from '../../src/switch/protocol.js';
import { spawnSwitch, tempDir, waitFor } from './harness.js';

const TOTAL = 10_000;
const Q = 'org.xen.xapi.durable';

const key = (id: MessageId): string => `${id[0]}/${id[1]}`;
const retryable = (e: unknown): boolean => e instanceof ApiError && e.code === 'MESSAGE_SWITCH_UNREACHABLE';
const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

for (const durability of ['fsync', 'none'] as const) {
  test(
    `SIGKILL in the middle of ${TOTAL} persistent messages loses none and repeats only unacked ones (${durability})`,
    { timeout: 120_000 },
    async (t) => {
      const dir = tempDir(t);
      const sock = join(dir, 'switch.sock');
      const args = ['--durability', durability];
      let sw = await spawnSwitch(t, dir, args);
      const producer = new SwitchClient({ socketPath: sock, token: 'producer' });
      const consumer = new SwitchClient({ socketPath: sock, token: 'consumer' });
      let stopped = false;
      t.after(() => {
        stopped = true;
        producer.close();
        consumer.close();
      });
      await producer.create(Q, true);

      let clock = 0; // orders events across producer, consumer and acks
      const confirmed = new Map<string, string>(); // message id → payload, send confirmed
      const deliveries = new Map<string, number[]>(); // message id → clock of each delivery
      const ackedAt = new Map<string, number>(); // message id → clock when its ack was confirmed
      const payloadsSeen = new Set<string>();
      let restarts = 0;
      let sentAtKill = 0;
      let killing!: () => void;
      const killStarted = new Promise<void>((r) => (killing = r));

      const produce = async (): Promise<void> => {
        for (let i = 0; i < TOTAL; i += 50) {
          // Make sure the kill lands while sends are still going on.
          if (i === (TOTAL * 6) / 10) await killStarted;
          const batch = Array.from({ length: Math.min(50, TOTAL - i) }, (_, j) => ({
            queue: Q,
            payload: `m${i + j}`,
            kind: { type: 'oneway' } as const,
          }));
          while (!stopped) {
            try {
              const results = await producer.send(batch);
              results.forEach((r, j) => {
                if (!('id' in r)) throw new Error(`send failed: ${JSON.stringify(r)}`);
                confirmed.set(key(r.id), (batch[j] as { payload: string }).payload);
              });
              break;
            } catch (e) {
              // Not confirmed: send again (this may store the batch twice, with new ids).
              if (!retryable(e)) throw e;
              await pause(20);
            }
          }
        }
      };

      let producing = true;
      const consume = async (): Promise<void> => {
        while (!stopped) {
          let msgs;
          try {
            msgs = await consumer.transfer([Q], { max: 200, timeout: 0.2 });
          } catch (e) {
            if (!retryable(e)) throw e;
            await pause(20);
            continue;
          }
          if (msgs.length === 0 && !producing) {
            // Done when everything confirmed was delivered and the switch holds nothing more. (An ack
            // whose answer was lost in the kill may still have been applied: that message is gone.)
            if (![...confirmed.keys()].every((k) => deliveries.has(k))) continue;
            const q = (await consumer.diagnostics().catch(() => undefined))?.queues[Q];
            if (q && q.length === 0 && q.in_flight === 0) return;
            continue;
          }
          const now = ++clock;
          for (const m of msgs) {
            const k = key(m.id);
            deliveries.set(k, [...(deliveries.get(k) ?? []), now]);
            payloadsSeen.add(m.payload);
          }
          try {
            await consumer.ack(msgs.map((m) => m.id));
            const done = ++clock;
            for (const m of msgs) if (!ackedAt.has(key(m.id))) ackedAt.set(key(m.id), done);
          } catch (e) {
            // Unconfirmed ack: these may legitimately be delivered again.
            if (!retryable(e)) throw e;
          }
        }
      };

      const killer = async (): Promise<void> => {
        await waitFor(
          () => confirmed.size >= TOTAL / 2 && ackedAt.size >= TOTAL / 4,
          'half the messages',
          60_000,
        );
        sentAtKill = confirmed.size;
        killing();
        await sw.stop('SIGKILL');
        restarts++;
        sw = await spawnSwitch(t, dir, args);
      };

      const consuming = consume();
      await Promise.all([produce().finally(() => (producing = false)), killer()]);
      await consuming;
      await sw.stop('SIGKILL');

      assert.equal(restarts, 1);
      assert.ok(sentAtKill < TOTAL, 'killed while sending');
      for (let i = 0; i < TOTAL; i++) assert.ok(payloadsSeen.has(`m${i}`), `m${i} lost`);
      for (const k of confirmed.keys())
        assert.ok(deliveries.has(k), `confirmed message ${k} never delivered`);
      let repeats = 0;
      for (const [k, times] of deliveries) {
        const acked = ackedAt.get(k);
        if (times.length > 1) repeats++;
        if (acked !== undefined) {
          const late = times.filter((c) => c > acked);
          assert.deepEqual(late, [], `message ${k} delivered again after its ack was confirmed`);
        }
      }
      t.diagnostic(`${confirmed.size} confirmed sends, ${repeats} unacked message(s) delivered again`);
    },
  );
}
