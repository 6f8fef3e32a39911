// role.*: roles and the permissions (leaf roles) they contain.
import type { CallContext } from '../context.js';

function subrolesOf(ctx: CallContext, role: string): readonly string[] {
  return ctx.services.db.get('role', role).subroles;
}

function byLabel(ctx: CallContext, label: string): string[] {
  return ctx.services.db.refsByNameLabel('role', label);
}

/** Roles holding a permission, directly or through a sub-role. */
function rolesWith(ctx: CallContext, permission: string): string[] {
  const out: string[] = [];
  for (const [ref, row] of ctx.services.db.all('role')) {
    if (row.subroles.includes(permission)) out.push(ref);
  }
  return out;
}

function label(ctx: CallContext, ref: string): string {
  return ctx.services.db.get('role', ref).name_label;
}

export const roleActions = {
  async get_permissions(ctx: CallContext, self: string) {
    return subrolesOf(ctx, self);
  },
  async get_permissions_name_label(ctx: CallContext, self: string) {
    return subrolesOf(ctx, self).map((r) => label(ctx, r));
  },
  async get_by_permission(ctx: CallContext, permission: string) {
    return rolesWith(ctx, permission);
  },
  async get_by_permission_name_label(ctx: CallContext, name: string) {
    return byLabel(ctx, name).flatMap((p) => rolesWith(ctx, p));
  },
};
