// VM.pause / VM.unpause: the domain's vCPUs stop or run again.
import type { CallContext } from '../context.js';
import { runXenopsTask } from '../xenops/run-task.js';
import { withOperation } from './operations.js';
import { uuidOf } from './vm-push.js';

export async function pauseVm(ctx: CallContext, vm: string, pause: boolean): Promise<void> {
  await withOperation(ctx, 'VM', vm, pause ? 'pause' : 'unpause', async () => {
    const id = uuidOf(ctx, vm);
    await runXenopsTask(ctx, (x, dbg) => x.call(pause ? 'VM.pause' : 'VM.unpause', { dbg, id }), {
      touches: [{ vm: id }],
    });
  });
}
