// VM.* power lifecycle messages.
import type { CallContext } from '../context.js';
import { pauseVm } from '../lifecycle/vm-pause.js';
import { rebootVm, shutdownVm } from '../lifecycle/vm-shutdown.js';
import { startVm } from '../lifecycle/vm-start.js';
import { resumeVm, suspendVm } from '../lifecycle/vm-suspend.js';
import { setMemoryDynamicRange, setVcpusLive } from '../lifecycle/vm-live-resources.js';
import { assertOperation } from '../lifecycle/operations.js';
import { withHostOperation } from '../lifecycle/host-operations.js';
import { placeVm, withReservation } from '../placement/place.js';
import { placementSeams } from '../placement/seams.js';

/**
 * Run a start or resume on a host that may take it: the VM's own state is
 * checked first, then the host (the placement's checks and choice), which
 * carries the operation in its current_operations (vm_start, vm_resume) and
 * the VM's memory reserved while it runs. A VM placed on this host runs
 * here (`local`); one placed on another host of the pool is handed to the
 * pool's seam (placement/seams.ts).
 */
async function onHost(
  ctx: CallContext,
  vm: string,
  host: string | undefined,
  op: 'start' | 'resume',
  startPaused: boolean,
  local: () => Promise<void>,
): Promise<void> {
  const { db } = ctx.services;
  assertOperation(db, 'VM', vm, op);
  const target = placeVm(db, vm, host, op);
  const run =
    target === ctx.services.host
      ? local
      : () => placementSeams(ctx.services).runOn(ctx, vm, target, op, startPaused);
  await withHostOperation(ctx, target, op === 'start' ? 'vm_start' : 'vm_resume', () =>
    withReservation(db, vm, target, run),
  );
}

export const vmPowerActions = {
  async start(ctx: CallContext, vm: string, startPaused: boolean, force: boolean) {
    await onHost(ctx, vm, undefined, 'start', startPaused, () => startVm(ctx, vm, startPaused, force));
  },
  async start_on(ctx: CallContext, vm: string, host: string, startPaused: boolean, force: boolean) {
    await onHost(ctx, vm, host, 'start', startPaused, () => startVm(ctx, vm, startPaused, force));
  },
  async pause(ctx: CallContext, vm: string) {
    await pauseVm(ctx, vm, true);
  },
  async unpause(ctx: CallContext, vm: string) {
    await pauseVm(ctx, vm, false);
  },
  async clean_shutdown(ctx: CallContext, vm: string) {
    await shutdownVm(ctx, vm, 'clean');
  },
  async hard_shutdown(ctx: CallContext, vm: string) {
    await shutdownVm(ctx, vm, 'hard');
  },
  async shutdown(ctx: CallContext, vm: string) {
    await shutdownVm(ctx, vm, 'any');
  },
  async clean_reboot(ctx: CallContext, vm: string) {
    await rebootVm(ctx, vm, true);
  },
  async hard_reboot(ctx: CallContext, vm: string) {
    await rebootVm(ctx, vm, false);
  },
  async suspend(ctx: CallContext, vm: string) {
    await suspendVm(ctx, vm);
  },
  async resume(ctx: CallContext, vm: string, startPaused: boolean, _force: boolean) {
    await onHost(ctx, vm, undefined, 'resume', startPaused, () => resumeVm(ctx, vm, startPaused));
  },
  async resume_on(ctx: CallContext, vm: string, host: string, startPaused: boolean, _force: boolean) {
    await onHost(ctx, vm, host, 'resume', startPaused, () => resumeVm(ctx, vm, startPaused));
  },
  async set_VCPUs_number_live(ctx: CallContext, self: string, nvcpu: number) {
    await setVcpusLive(ctx, self, nvcpu);
  },
  async set_memory_dynamic_range(ctx: CallContext, self: string, min: number, max: number) {
    await setMemoryDynamicRange(ctx, self, min, max);
  },
};
