// VM.* power lifecycle messages.
import type { CallContext } from '../context.js';
import {
  pauseVm,
  rebootVm,
  resumeVm,
  setMemoryDynamicRange,
  setVcpusLive,
  shutdownVm,
  startVm,
  suspendVm,
} from '../lifecycle/vm-power.js';

function onThisHost(ctx: CallContext, host: string): void {
  // A single-host pool: the only host a VM can run on is this one.
  if (host !== ctx.services.host) ctx.services.db.get('host', host);
}

export const vmPowerActions = {
  async start(ctx: CallContext, vm: string, startPaused: boolean, force: boolean) {
    await startVm(ctx, vm, startPaused, force);
  },
  async start_on(ctx: CallContext, vm: string, host: string, startPaused: boolean, force: boolean) {
    onThisHost(ctx, host);
    await startVm(ctx, vm, startPaused, force);
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
    await resumeVm(ctx, vm, startPaused);
  },
  async resume_on(ctx: CallContext, vm: string, host: string, startPaused: boolean, _force: boolean) {
    onThisHost(ctx, host);
    await resumeVm(ctx, vm, startPaused);
  },
  async set_VCPUs_number_live(ctx: CallContext, self: string, nvcpu: number) {
    await setVcpusLive(ctx, self, nvcpu);
  },
  async set_memory_dynamic_range(ctx: CallContext, self: string, min: number, max: number) {
    await setMemoryDynamicRange(ctx, self, min, max);
  },
};
