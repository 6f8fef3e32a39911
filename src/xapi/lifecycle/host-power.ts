// host.disable / enable / shutdown / reboot and what the toolstack does with
// the host's state when it starts (the placement checks VM.start and
// VM.resume make against hosts are in src/xapi/placement/).
//
// host.enabled lives in the database, so a host.disable lasts across restarts
// of the toolstack until host.enable (xapi re-enables a host when its
// toolstack restarts unless it was disabled with auto-enable=false; the
// XenAPI here has no auto-enable parameter, and maintenance is better served
// by a disable that sticks). A host.shutdown or host.reboot in progress is
// recorded locally with the system's boot id (xapi's
// host_disabled_until_reboot): until the machine has really restarted, the
// host stays disabled and host.enable fails with HOST_DISABLED_UNTIL_REBOOT;
// once it has, the toolstack starts with the host enabled, as xapi does
// after a reboot.
import { apiError } from '../../datamodel/api-error.js';
import { t } from '../../datamodel/build.js';
import type { XapiDb } from '../store.js';
import type { CallContext } from '../context.js';
import type { HostPower, PowerAction } from '../host/power.js';
import type { TaskHandle } from '../tasks.js';
import {
  assertHostOperation,
  beginHostOperation,
  refreshHostAllowed,
  withHostOperation,
} from './host-operations.js';
import { residentUserVms } from './host-evacuate.js';
import { shutdownVm } from './vm-shutdown.js';

/** Startup: clear operations a previous run left behind and settle host.enabled. */
export function settleHostAtStart(db: XapiDb, host: string, hostPower: HostPower): void {
  // The machine went down and came back: the host starts enabled, as xapi's does after a reboot.
  const rebooted = hostPower.rebootedSincePowerOff;
  if (rebooted) hostPower.clearDisabledUntilReboot();
  db.transaction(() => {
    db.update('host', host, {
      current_operations: {},
      ...(hostPower.disabledUntilReboot ? { enabled: false } : rebooted ? { enabled: true } : {}),
    });
    refreshHostAllowed(db, host);
  });
}

export function disableHost(ctx: CallContext, host: string): void {
  const { db } = ctx.services;
  db.transaction(() => {
    db.update('host', host, { enabled: false });
    refreshHostAllowed(db, host);
  });
}

export async function enableHost(ctx: CallContext, host: string): Promise<void> {
  const { db, hostPower } = ctx.services;
  db.get('host', host);
  await withHostOperation(ctx, host, 'enable', async () => {
    if (db.get('host', host).enabled) return;
    if (host === ctx.services.host && hostPower.disabledUntilReboot)
      throw apiError('HOST_DISABLED_UNTIL_REBOOT', { host });
    db.update('host', host, { enabled: true });
  });
  refreshHostAllowed(db, host);
}

/**
 * host.shutdown / host.reboot: checked (the host must be disabled) and
 * registered as the host's operation under a task of its own that lasts
 * until the toolstack goes down; the call then returns and the task, after
 * a short pause, shuts down the VMs still running, flushes the database,
 * runs the power command and stops the toolstack.
 */
export function powerOffHost(ctx: CallContext, host: string, action: PowerAction): void {
  const { db, tasks, hostPower } = ctx.services;
  // Checked before the task exists; registered in the same turn, so nothing can slip in between.
  assertHostOperation(db, host, action);
  const label = action === 'shutdown' ? 'Host is shutting down' : 'Host is rebooting';
  const task = tasks.run(label, t.void, async (handle) => {
    await new Promise((r) => setTimeout(r, hostPower.delayMs));
    await shutDownVms(ctx, handle, host);
    await db.flush();
    const res = await hostPower.runCommand(action);
    if (!res.ok) {
      // Nothing is going down: leave the host disabled, but let it be enabled again.
      hostPower.clearDisabledUntilReboot();
      end();
      process.stderr.write(`xapi: host ${action} failed: ${res.detail}\n`);
      throw apiError('INTERNAL_ERROR', { message: `the ${action} command failed: ${res.detail}` });
    }
    // The operation stays registered: the toolstack stops with it.
    hostPower.toolstackDown();
  });
  // The task's work starts on a later turn, when `end` is set.
  const end = beginHostOperation(db, host, action, task);
  hostPower.markDisabledUntilReboot();
}

/** Shut down every VM running on the host: cleanly, falling back to a hard shutdown. */
async function shutDownVms(ctx: CallContext, task: TaskHandle, host: string): Promise<void> {
  const inner: CallContext = { ...ctx, task, signal: task.signal };
  const vms = residentUserVms(ctx.services.db, host);
  await Promise.all(
    vms.map((vm) =>
      shutdownVm(inner, vm, 'any').catch((e: unknown) => {
        process.stderr.write(`xapi: shutting down VM ${vm} before host power-off: ${String(e)}\n`);
      }),
    ),
  );
}
