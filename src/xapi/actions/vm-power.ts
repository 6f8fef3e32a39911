// VM.* power lifecycle messages.
import type { CallContext } from '../context.js';
import { pauseVm } from '../lifecycle/vm-pause.js';
import { rebootVm, shutdownVm } from '../lifecycle/vm-shutdown.js';
import { startVm } from '../lifecycle/vm-start.js';
import { resumeVm, suspendVm } from '../lifecycle/vm-suspend.js';
import { setMemoryDynamicRange, setVcpusLive } from '../lifecycle/vm-live-resources.js';
import { assertOperation } from '../lifecycle/operations.js';
import { withHostOperation } from '../lifecycle/host-operations.js';
import { placementHost } from '../lifecycle/host-power.js';

function onThisHost(ctx: CallContext, host: string): void {
  // A single-host pool: the only host a VM can run on is this one.
  if (host !== ctx.services.host) ctx.services.db.get('host', host);
}

/**
 * Run a start or resume on a host that may take it: the VM's own state is
 * checked first, then the host (placementHost), which carries the operation
 * in its current_operations (vm_start, vm_resume) while it runs.
 */
async function onHost(
  ctx: CallContext,
  vm: string,
  host: string | undefined,
  op: 'start' | 'resume',
  fn: () => Promise<void>,
): Promise<void> {
  const { db } = ctx.services;
  assertOperation(db, 'VM', vm, op);
  const target = placementHost(db, ctx.services.host, host, op);
  await withHostOperation(ctx, target, op === 'start' ? 'vm_start' : 'vm_resume', fn);
}

export const vmPowerActions = {
  async start(ctx: CallContext, vm: string, startPaused: boolean, force: boolean) {
    await onHost(ctx, vm, undefined, 'start', () => startVm(ctx, vm, startPaused, force));
  },
  async start_on(ctx: CallContext, vm: string, host: string, startPaused: boolean, force: boolean) {
    onThisHost(ctx, host);
    await onHost(ctx, vm, host, 'start', () => startVm(ctx, vm, startPaused, force));
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
    await onHost(ctx, vm, undefined, 'resume', () => resumeVm(ctx, vm, startPaused));
  },
  async resume_on(ctx: CallContext, vm: string, host: string, startPaused: boolean, _force: boolean) {
    onThisHost(ctx, host);
    await onHost(ctx, vm, host, 'resume', () => resumeVm(ctx, vm, startPaused));
  },
  async set_VCPUs_number_live(ctx: CallContext, self: string, nvcpu: number) {
    await setVcpusLive(ctx, self, nvcpu);
  },
  async set_memory_dynamic_range(ctx: CallContext, self: string, min: number, max: number) {
    await setMemoryDynamicRange(ctx, self, min, max);
  },
};
