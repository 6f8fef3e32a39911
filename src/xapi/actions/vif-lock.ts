// VIF port locking (locking_mode, ipv4_allowed, ipv6_allowed), VIF.move and the
// static addresses stored for the guest agent (configure_ipv4/6), as xapi's
// xapi_vif.ml: the record changes, and a VIF whose device is active (attached,
// its VM not suspended) gets the change from xenopsd at once. Here xenopsd is
// asked first and the record written only once it has agreed, so that a mode a
// backend refuses (VALUE_NOT_SUPPORTED) is not left recorded as if in force.
import { apiError } from '../../datamodel/api-error.js';
import type { VIFRecord, VifIpv4ConfigurationMode, VifLockingMode } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { uuidOf, vifNetworkOf } from '../lifecycle/vm-push.js';
import { assertCidr, assertIp, assertIpOrCidr, parseCidr, type IpKind } from '../network/addresses.js';
import {
  effectiveLockingMode,
  ipv4ConfigurationOf,
  ipv6ConfigurationOf,
  xenopsLockingMode,
} from '../xenops/config.js';
import { runXenopsTask } from '../xenops/run-task.js';

type LockFields = Pick<VIFRecord, 'locking_mode' | 'ipv4_allowed' | 'ipv6_allowed'>;

/** xapi's device_active: attached, and the VM not suspended. */
function deviceActive(ctx: CallContext, vif: VIFRecord): boolean {
  return vif.currently_attached && ctx.services.db.get('VM', vif.VM).power_state !== 'Suspended';
}

const touchesOf = (ctx: CallContext, vif: VIFRecord) =>
  [{ device: 'VIF', vm: uuidOf(ctx, vif.VM), name: vif.device }] as const;

/** Apply `change` to the VIF's locking fields: on the active device first, then in the record. */
async function changeLocking(ctx: CallContext, self: string, change: Partial<LockFields>): Promise<void> {
  const { db } = ctx.services;
  const row = db.get('VIF', self);
  const next = { ...row, ...change };
  if (deviceActive(ctx, row)) {
    const id: [string, string] = [uuidOf(ctx, row.VM), row.device];
    const mode = xenopsLockingMode(next, vifNetworkOf(ctx, row.network));
    await runXenopsTask(ctx, (x, dbg) => x.call('VIF.set_locking_mode', { dbg, id, mode }), {
      touches: touchesOf(ctx, row),
    });
  }
  db.update('VIF', self, change);
}

const field = (kind: IpKind) => (kind === 'ipv4' ? 'ipv4_allowed' : 'ipv6_allowed');

function setAllowed(kind: IpKind) {
  return async (ctx: CallContext, self: string, value: readonly string[]) => {
    const set = [...new Set(value)];
    for (const a of set) assertIpOrCidr(kind, field(kind), a);
    await changeLocking(ctx, self, { [field(kind)]: set });
  };
}

function addAllowed(kind: IpKind) {
  return async (ctx: CallContext, self: string, value: string) => {
    assertIpOrCidr(kind, field(kind), value);
    const current = ctx.services.db.get('VIF', self)[field(kind)];
    if (!current.includes(value)) await changeLocking(ctx, self, { [field(kind)]: [...current, value] });
  };
}

function removeAllowed(kind: IpKind) {
  return async (ctx: CallContext, self: string, value: string) => {
    const current = ctx.services.db.get('VIF', self)[field(kind)];
    if (current.includes(value))
      await changeLocking(ctx, self, { [field(kind)]: current.filter((a) => a !== value) });
  };
}

/** xapi's assert_no_locking_mode_conflict: a locked VIF's static address must be one it may use. */
function assertNoLockingConflict(ctx: CallContext, vif: VIFRecord, kind: IpKind, address: string): void {
  if (effectiveLockingMode(vif, vifNetworkOf(ctx, vif.network)) !== 'locked') return;
  const parsed = parseCidr(kind, address);
  if (parsed && !vif[field(kind)].includes(parsed.address))
    throw apiError('ADDRESS_VIOLATES_LOCKING_CONSTRAINT', { address });
}

/** The guest must say it can take static addresses (xapi: VM_guest_metrics.other feature-static-ip-setting). */
function assertStaticIpFeature(ctx: CallContext, vif: VIFRecord): void {
  const { db } = ctx.services;
  const gm = db.find('VM_guest_metrics', db.get('VM', vif.VM).guest_metrics);
  if (gm?.other['feature-static-ip-setting'] !== '1') throw apiError('VM_LACKS_FEATURE', { vm: vif.VM });
}

function configure(kind: IpKind) {
  return async (
    ctx: CallContext,
    self: string,
    mode: VifIpv4ConfigurationMode,
    address: string,
    gateway: string,
  ) => {
    const { db } = ctx.services;
    const row = db.get('VIF', self);
    if (mode === 'Static') {
      assertCidr(kind, 'address', address);
      assertNoLockingConflict(ctx, row, kind, address);
      if (gateway !== '') assertIp(kind, 'gateway', gateway);
    }
    assertStaticIpFeature(ctx, row);
    const change =
      kind === 'ipv4'
        ? { ipv4_configuration_mode: mode, ipv4_addresses: [address], ipv4_gateway: gateway }
        : { ipv6_configuration_mode: mode, ipv6_addresses: [address], ipv6_gateway: gateway };
    const next = { ...row, ...change };
    if (deviceActive(ctx, row)) {
      const id: [string, string] = [uuidOf(ctx, row.VM), row.device];
      await runXenopsTask(
        ctx,
        (x, dbg) =>
          kind === 'ipv4'
            ? x.call('VIF.set_ipv4_configuration', { dbg, id, ipv4_configuration: ipv4ConfigurationOf(next) })
            : x.call('VIF.set_ipv6_configuration', {
                dbg,
                id,
                ipv6_configuration: ipv6ConfigurationOf(next),
              }),
        { touches: touchesOf(ctx, row) },
      );
    }
    db.update('VIF', self, change);
  };
}

export const vifLockActions = {
  async set_locking_mode(ctx: CallContext, self: string, value: VifLockingMode) {
    await changeLocking(ctx, self, { locking_mode: value });
  },
  set_ipv4_allowed: setAllowed('ipv4'),
  add_ipv4_allowed: addAllowed('ipv4'),
  remove_ipv4_allowed: removeAllowed('ipv4'),
  set_ipv6_allowed: setAllowed('ipv6'),
  add_ipv6_allowed: addAllowed('ipv6'),
  remove_ipv6_allowed: removeAllowed('ipv6'),
  configure_ipv4: configure('ipv4'),
  configure_ipv6: configure('ipv6'),

  /**
   * xapi's VIF.move: the record takes the new network; an active device is moved
   * by xenopsd (its host side changes bridge, the guest's NIC stays). A network
   * with PIFs must have one on the VM's host (HOST_CANNOT_ATTACH_NETWORK).
   */
  async move(ctx: CallContext, self: string, network: string) {
    const { db } = ctx.services;
    const row = db.get('VIF', self);
    const active = deviceActive(ctx, row);
    if (active) {
      const host = db.get('VM', row.VM).resident_on;
      const pifs = db.get('network', network).PIFs;
      if (pifs.length > 0 && !pifs.some((p) => db.find('PIF', p)?.host === host))
        throw apiError('HOST_CANNOT_ATTACH_NETWORK', { host, network });
      const id: [string, string] = [uuidOf(ctx, row.VM), row.device];
      const bridge = vifNetworkOf(ctx, network).bridge;
      // The locking mode may follow the new network's default: xenopsd is told both.
      const mode = xenopsLockingMode(row, vifNetworkOf(ctx, network));
      await runXenopsTask(ctx, (x, dbg) => x.call('VIF.move', { dbg, id, network: ['Local', bridge] }), {
        touches: touchesOf(ctx, row),
      });
      await runXenopsTask(ctx, (x, dbg) => x.call('VIF.set_locking_mode', { dbg, id, mode }), {
        touches: touchesOf(ctx, row),
      });
    }
    db.update('VIF', self, { network });
  },
};
