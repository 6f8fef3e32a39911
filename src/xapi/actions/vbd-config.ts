// VBD.set_mode and VBD.assert_attachable.
import { apiError } from '../../datamodel/api-error.js';
import type { VbdMode } from '../../generated/api-types.js';
import type { CallContext } from '../context.js';
import { attachError, type Sibling } from '../vm-config/vbd-attachable.js';

export const vbdConfigActions = {
  async set_mode(ctx: CallContext, self: string, value: VbdMode) {
    const { db } = ctx.services;
    const vm = db.get('VBD', self).VM;
    const state = db.get('VM', vm).power_state;
    if (state !== 'Halted')
      throw apiError('VM_BAD_POWER_STATE', { vm, expected: 'halted', actual: state.toLowerCase() });
    db.update('VBD', self, { mode: value });
  },
  async assert_attachable(ctx: CallContext, self: string) {
    const { db } = ctx.services;
    const vbd = db.get('VBD', self);
    const vdiRow = db.find('VDI', vbd.VDI);
    const vdi = vdiRow ? vdiRow : undefined;
    const siblings: Sibling[] = [];
    for (const other of vdi?.VBDs ?? []) {
      const row = other === self ? undefined : db.find('VBD', other);
      if (!row) continue;
      const sibling = row;
      const vm = db.find('VM', sibling.VM);
      siblings.push({ vbd: sibling, vmSuspended: vm?.['power_state'] === 'Suspended' });
    }
    const err = attachError(self, vbd, vbd.VDI, vdi, siblings);
    if (err) throw err;
  },
};
