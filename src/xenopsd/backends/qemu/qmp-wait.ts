// Waiting for a QEMU without lagging behind it. A check (a QMP query) is repeated
// until it gives a value, and the sleeps between checks end as soon as QEMU announces
// a change with an event (MIGRATION, BLOCK_JOB_READY, ...) or the caller gives up:
// the change is seen within a round trip of QEMU saying so, and the interval only
// paces progress reports and changes that QEMU announces with no event.
import type { QmpClient, QmpEvent } from './qmp.js';

export interface PollOptions {
  /** The longest sleep between two checks. */
  readonly intervalMs: number;
  /**
   * The first sleep; each next one doubles, up to `intervalMs` (for a change expected
   * any moment that has no event). Default: `intervalMs` from the start.
   */
  readonly firstMs?: number;
  /** Events after which the check runs again at once. */
  readonly wake?: (e: QmpEvent) => boolean;
  /** Ends a sleep at once (then `between` decides what the abort means). */
  readonly signal?: AbortSignal;
  /** Runs after each check that gave no value, before the sleep; throws to give up. */
  readonly between?: () => void;
}

/** Runs `check` until it resolves with a value other than undefined, and resolves with that. */
export async function pollQmp<T>(
  qmp: QmpClient,
  check: () => Promise<T | undefined>,
  opts: PollOptions,
): Promise<T> {
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const match = opts.wake;
  const off = match
    ? qmp.onEvent((e) => {
        if (!match(e)) return;
        woken = true;
        wakeUp?.();
      })
    : undefined;
  try {
    let sleepMs = Math.min(opts.firstMs ?? opts.intervalMs, opts.intervalMs);
    for (;;) {
      woken = false;
      const v = await check();
      if (v !== undefined) return v;
      opts.between?.();
      // an event came while the check ran: what it announced may not be in that answer
      if (woken) continue;
      await new Promise<void>((resolve) => {
        const signal = opts.signal;
        const done = (): void => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          wakeUp = undefined;
          resolve();
        };
        const timer = setTimeout(done, sleepMs);
        wakeUp = done;
        if (signal && !signal.aborted) signal.addEventListener('abort', done, { once: true });
      });
      sleepMs = woken
        ? Math.min(opts.firstMs ?? opts.intervalMs, opts.intervalMs)
        : Math.min(opts.intervalMs, sleepMs * 2);
    }
  } finally {
    off?.();
  }
}

/** A MIGRATION event that ends a migration (either side): `completed`, `failed` or `cancelled`. */
export function migrationEnded(e: QmpEvent): boolean {
  const s = e.data['status'];
  return e.event === 'MIGRATION' && (s === 'completed' || s === 'failed' || s === 'cancelled');
}

/** Any MIGRATION status change. */
export function migrationEvent(e: QmpEvent): boolean {
  return e.event === 'MIGRATION';
}
