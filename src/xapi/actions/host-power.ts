// host.* messages of power and maintenance: disable, enable, shutdown,
// reboot, evacuation and the kernel log.
import type { CallContext } from '../context.js';
import { assertCanEvacuate, evacuateHost, vmsWhichPreventEvacuation } from '../lifecycle/host-evacuate.js';
import { disableHost, enableHost, powerOffHost } from '../lifecycle/host-power.js';
import { readKernelLog } from '../host/dmesg.js';

export const hostPowerActions = {
  async disable(ctx: CallContext, host: string) {
    disableHost(ctx, host);
  },
  async enable(ctx: CallContext, host: string) {
    await enableHost(ctx, host);
  },
  async shutdown(ctx: CallContext, host: string) {
    powerOffHost(ctx, host, 'shutdown');
  },
  async reboot(ctx: CallContext, host: string) {
    powerOffHost(ctx, host, 'reboot');
  },
  async evacuate(ctx: CallContext, host: string, network: string, batchSize: number) {
    await evacuateHost(ctx, host, network, batchSize);
  },
  async get_vms_which_prevent_evacuation(ctx: CallContext, self: string) {
    return vmsWhichPreventEvacuation(ctx.services.db, self);
  },
  async assert_can_evacuate(ctx: CallContext, host: string) {
    assertCanEvacuate(ctx.services.db, host);
  },
  async dmesg(ctx: CallContext, host: string) {
    ctx.services.db.get('host', host);
    return readKernelLog();
  },
};
