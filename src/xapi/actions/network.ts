// network.set_default_locking_mode, add_purpose and remove_purpose, as xapi's
// xapi_network.ml.
import { apiError } from '../../datamodel/api-error.js';
import type { NetworkDefaultLockingMode, NetworkPurpose } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';

/** Purposes that no two networks may hold at once: NBD with and without TLS. */
const CONFLICTS: Readonly<Record<NetworkPurpose, readonly NetworkPurpose[]>> = {
  nbd: ['insecure_nbd'],
  insecure_nbd: ['nbd'],
};

export const networkActions = {
  /** Refused while a VIF of the network is attached (VIF_IN_USE), as xapi. */
  async set_default_locking_mode(ctx: CallContext, network: string, value: NetworkDefaultLockingMode) {
    const { db } = ctx.services;
    const attached = db.get('network', network).VIFs.find((v) => db.find('VIF', v)?.currently_attached);
    if (attached !== undefined) throw apiError('VIF_IN_USE', { network, VIF: attached });
    db.update('network', network, { default_locking_mode: value });
  },
  async add_purpose(ctx: CallContext, self: string, value: NetworkPurpose) {
    const { db } = ctx.services;
    const row = db.get('network', self);
    if (!row.managed) throw apiError('NETWORK_UNMANAGED', { network: self });
    if (row.purpose.includes(value)) return;
    for (const [, other] of db.all('network'))
      for (const p of other.purpose)
        if (CONFLICTS[value].includes(p))
          throw apiError('NETWORK_INCOMPATIBLE_PURPOSES', { new_purpose: value, conflicting_purpose: p });
    db.update('network', self, { purpose: [value, ...row.purpose] });
  },
  async remove_purpose(ctx: CallContext, self: string, value: NetworkPurpose) {
    const { db } = ctx.services;
    const current = db.get('network', self).purpose;
    if (current.includes(value)) db.update('network', self, { purpose: current.filter((p) => p !== value) });
  },
};
