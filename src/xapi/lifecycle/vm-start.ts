// VM.start: the disks attached, xenopsd given the configuration, the domain
// built (left paused by xenopsd) and, unless the caller asked for a paused
// VM, unpaused. `force` is xenopsd's own VM.start argument, as in xapi: it
// lets the domain builder skip its pre-boot safety checks.
import type { CallContext } from '../context.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { withOperation } from './operations.js';
import { detachIf } from './vm-disks.js';
import { pushConfig, uuidOf } from './vm-push.js';

export async function startVm(
  ctx: CallContext,
  vm: string,
  startPaused: boolean,
  force: boolean,
): Promise<void> {
  await withOperation(ctx, 'VM', vm, 'start', async () => {
    const id = uuidOf(ctx, vm);
    const touches = [{ vm: id }];
    try {
      await pushConfig(ctx, vm);
      await runXenopsTask(ctx, (x, dbg) => x.call('VM.start', { dbg, id, force }), { touches });
      if (!startPaused) await runXenopsTask(ctx, (x, dbg) => x.call('VM.unpause', { dbg, id }), { touches });
    } catch (e) {
      // A start that failed or was cancelled leaves the VM halted with its disks detached.
      await detachIf(ctx, vm, 'Halted');
      throw e;
    }
  });
}
