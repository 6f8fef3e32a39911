// Waiting for a backend condition: resolve when `pred` holds (re-checked each
// time a watcher in `changed` is called), or with its last value after
// `timeoutS`; a cancelled task rejects with XENOPS_CANCELLED.
import type { TaskHandle } from './api.js';

export function waitUntil(
  changed: Set<() => void>,
  pred: () => boolean,
  timeoutS: number,
  task: TaskHandle,
): Promise<boolean> {
  task.cancelPoint();
  if (pred()) return Promise.resolve(true);
  return new Promise<boolean>((resolve, reject) => {
    const finish = (v: boolean | Error): void => {
      clearTimeout(timer);
      changed.delete(check);
      task.signal.removeEventListener('abort', onAbort);
      if (v instanceof Error) reject(v);
      else resolve(v);
    };
    const check = (): void => {
      if (pred()) finish(true);
    };
    const onAbort = (): void => {
      try {
        task.cancelPoint();
        finish(pred());
      } catch (e) {
        finish(e as Error);
      }
    };
    const timer = setTimeout(() => finish(pred()), Math.max(0, timeoutS * 1000));
    changed.add(check);
    task.signal.addEventListener('abort', onAbort, { once: true });
  });
}
