// A backend step held until its task is cancelled, so that a test can cancel an
// operation at a known step instead of sleeping and hoping the step has begun:
// `entered` resolves when the step starts; the step then waits for the task's
// cancellation and runs for real with the task already cancelled.
import { once } from 'node:events';
import type { TaskHandle } from '../../src/xenopsd/backends/api.js';

type Step = (task: TaskHandle, ...rest: never[]) => Promise<unknown>;

/** Replaces `obj[method]` (e.g. a simulator's `vm.build`); resolves `entered` with the task id. */
export function holdUntilCancelled<K extends string, O extends Record<K, Step>>(
  obj: O,
  method: K,
): { readonly entered: Promise<string> } {
  const real: Step = obj[method].bind(obj);
  let enter: (id: string) => void = () => {};
  const entered = new Promise<string>((resolve) => (enter = resolve));
  const held = async (task: TaskHandle, ...rest: never[]): Promise<unknown> => {
    enter(task.id);
    if (!task.signal.aborted) await once(task.signal, 'abort');
    return real(task, ...rest);
  };
  Object.assign(obj, { [method]: held });
  return { entered };
}
