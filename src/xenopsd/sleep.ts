// Waiting that honours cancellation: a sleep is a cancel point at both ends.
import type { TaskHandle } from './backends/api.js';

/** Sleep `ms` (no timer at all for 0), waking early and throwing if the task is cancelled. */
export async function sleep(ms: number, task: TaskHandle): Promise<void> {
  task.cancelPoint();
  if (ms <= 0) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      task.signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    task.signal.addEventListener('abort', done, { once: true });
  });
  task.cancelPoint();
}

/** Wait until `ready()` holds, polling every `stepMs`; false after `timeoutMs`. Cancellable. */
export async function waitFor(
  ready: () => boolean,
  timeoutMs: number,
  task: TaskHandle,
  stepMs = 10,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ready()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(stepMs, Math.max(1, deadline - Date.now())), task);
  }
}
