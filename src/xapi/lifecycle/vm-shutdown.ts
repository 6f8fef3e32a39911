// VM.clean_shutdown / hard_shutdown / shutdown and VM.clean_reboot /
// hard_reboot through xenopsd. A clean request waits for the guest up to the
// configured timeout; `shutdown` falls back to a hard one when the guest
// does not comply. A suspended VM shuts down by dropping its saved state.
import { ApiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { refreshAllowed, withOperation } from './operations.js';
import { detachIf } from './vm-disks.js';
import { uuidOf } from './vm-push.js';
import { dropSuspendImage } from './vm-suspend.js';

export async function shutdownVm(
  ctx: CallContext,
  vm: string,
  mode: 'clean' | 'hard' | 'any',
): Promise<void> {
  const { db } = ctx.services;
  const op = mode === 'clean' ? 'clean_shutdown' : mode === 'hard' ? 'hard_shutdown' : 'shutdown';
  await withOperation(ctx, 'VM', vm, op, async () => {
    const id = uuidOf(ctx, vm);
    if (db.get('VM', vm).power_state === 'Suspended') {
      // Nothing runs: dropping the saved state is all there is to do.
      await dropSuspendImage(ctx, vm);
      db.update('VM', vm, { power_state: 'Halted' });
      refreshAllowed(db, 'VM', vm);
      return;
    }
    const touches = [{ vm: id }];
    const hard = (): Promise<unknown> =>
      runXenopsTask(ctx, (x, dbg) => x.call('VM.shutdown', { dbg, id }), { touches });
    const delay = ctx.services.cleanShutdownTimeoutS;
    try {
      if (mode === 'hard') {
        await hard();
      } else {
        try {
          await runXenopsTask(ctx, (x, dbg) => x.call('VM.shutdown', { dbg, id, delay }), { touches });
        } catch (e) {
          if (mode === 'clean' || (e instanceof ApiError && e.code === 'TASK_CANCELLED')) throw e;
          await hard();
        }
      }
    } finally {
      await detachIf(ctx, vm, 'Halted');
    }
  });
}

export async function rebootVm(ctx: CallContext, vm: string, clean: boolean): Promise<void> {
  await withOperation(ctx, 'VM', vm, clean ? 'clean_reboot' : 'hard_reboot', async () => {
    const id = uuidOf(ctx, vm);
    const delay = ctx.services.cleanShutdownTimeoutS;
    await runXenopsTask(ctx, (x, dbg) => x.call('VM.reboot', { dbg, id, ...(clean ? { delay } : {}) }), {
      touches: [{ vm: id }],
    });
  });
}
