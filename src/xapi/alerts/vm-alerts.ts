// The alerts of a VM's life raised by the calls that change it, after they
// succeed, with xapi's bodies (xapi raises them where it forwards the calls,
// so an operation made of others — a checkpoint suspends and resumes — raises
// only its own). What the guest does by itself is raised from xenopsd's
// reports (guest-alerts.ts).
import type { CallContext } from '../context.js';
import type { CustomActions } from '../generated/actions.js';
import type { AlertName } from '../../datamodel/alerts.js';
import { hostNameAndUuid, raiseAlert, vmPhrase } from './raise.js';

type VmActions = CustomActions['VM'];

type Alerting =
  | 'start'
  | 'start_on'
  | 'pause'
  | 'unpause'
  | 'clean_shutdown'
  | 'hard_shutdown'
  | 'shutdown'
  | 'clean_reboot'
  | 'hard_reboot'
  | 'suspend'
  | 'resume'
  | 'resume_on'
  | 'snapshot'
  | 'checkpoint'
  | 'revert'
  | 'pool_migrate';

function raiseVm(ctx: CallContext, name: AlertName, vm: string, what: string): void {
  const { db } = ctx.services;
  if (!db.has('VM', vm)) return;
  raiseAlert(db, { name, cls: 'VM', objUuid: db.get('VM', vm).uuid, body: `${vmPhrase(db, vm)} ${what}` });
}

/** `on host: name (uuid: …)` of the host the VM now runs on. */
function onHost(ctx: CallContext, vm: string): string {
  const { db } = ctx.services;
  const resident = db.find('VM', vm)?.resident_on;
  const h = hostNameAndUuid(db, resident && db.has('host', resident) ? resident : ctx.services.host);
  return `host: ${h.name} (uuid: ${h.uuid})`;
}

/** The VM actions, each raising its alert once it has succeeded. */
export function withVmAlerts<A extends Pick<VmActions, Alerting>>(a: A): A {
  return {
    ...a,
    async start(ctx, vm, startPaused, force) {
      await a.start(ctx, vm, startPaused, force);
      raiseVm(ctx, 'VM_STARTED', vm, `started on ${onHost(ctx, vm)}`);
    },
    async start_on(ctx, vm, host, startPaused, force) {
      await a.start_on(ctx, vm, host, startPaused, force);
      raiseVm(ctx, 'VM_STARTED', vm, `started on ${onHost(ctx, vm)}`);
    },
    async pause(ctx, vm) {
      await a.pause(ctx, vm);
      raiseVm(ctx, 'VM_PAUSED', vm, 'paused');
    },
    async unpause(ctx, vm) {
      await a.unpause(ctx, vm);
      raiseVm(ctx, 'VM_UNPAUSED', vm, 'unpaused');
    },
    async clean_shutdown(ctx, vm) {
      await a.clean_shutdown(ctx, vm);
      raiseVm(ctx, 'VM_SHUTDOWN', vm, 'shutdown');
    },
    async shutdown(ctx, vm) {
      await a.shutdown(ctx, vm);
      raiseVm(ctx, 'VM_SHUTDOWN', vm, 'shutdown');
    },
    async hard_shutdown(ctx, vm) {
      await a.hard_shutdown(ctx, vm);
      raiseVm(ctx, 'VM_SHUTDOWN', vm, 'shutdown forcibly');
    },
    async clean_reboot(ctx, vm) {
      await a.clean_reboot(ctx, vm);
      raiseVm(ctx, 'VM_REBOOTED', vm, 'rebooted cleanly');
    },
    async hard_reboot(ctx, vm) {
      await a.hard_reboot(ctx, vm);
      raiseVm(ctx, 'VM_REBOOTED', vm, 'rebooted forcibly');
    },
    async suspend(ctx, vm) {
      await a.suspend(ctx, vm);
      raiseVm(ctx, 'VM_SUSPENDED', vm, 'suspended');
    },
    async resume(ctx, vm, startPaused, force) {
      await a.resume(ctx, vm, startPaused, force);
      raiseVm(ctx, 'VM_RESUMED', vm, `resumed on ${onHost(ctx, vm)}`);
    },
    async resume_on(ctx, vm, host, startPaused, force) {
      await a.resume_on(ctx, vm, host, startPaused, force);
      raiseVm(ctx, 'VM_RESUMED', vm, `resumed on ${onHost(ctx, vm)}`);
    },
    async snapshot(ctx, vm, newName, ignoreVdis) {
      const r = await a.snapshot(ctx, vm, newName, ignoreVdis);
      raiseVm(ctx, 'VM_SNAPSHOTTED', vm, `snapshotted, snapshot name: ${newName}`);
      return r;
    },
    async checkpoint(ctx, vm, newName) {
      const r = await a.checkpoint(ctx, vm, newName);
      raiseVm(ctx, 'VM_CHECKPOINTED', vm, `checkpointed, snapshot name: ${newName}`);
      return r;
    },
    async revert(ctx, snapshot) {
      const { db } = ctx.services;
      const snap = db.get('VM', snapshot);
      await a.revert(ctx, snapshot);
      raiseVm(
        ctx,
        'VM_SNAPSHOT_REVERTED',
        snap.snapshot_of,
        `reverted to snapshot: ${snap.name_label} (uuid ${snap.uuid})`,
      );
    },
    async pool_migrate(ctx, vm, host, options) {
      const { db } = ctx.services;
      const from = hostNameAndUuid(db, db.get('VM', vm).resident_on);
      await a.pool_migrate(ctx, vm, host, options);
      const to = hostNameAndUuid(db, host);
      raiseVm(
        ctx,
        'VM_MIGRATED',
        vm,
        `migrated from host '${from.name}' (uuid: ${from.uuid}) to host '${to.name}' (uuid: ${to.uuid})`,
      );
    },
  };
}
