// VM.* messages of placement.
import type { CallContext } from '../context.js';
import { assertCanBootHere, possibleHostsOf } from '../placement/place.js';

export const vmPlacementActions = {
  async assert_can_boot_here(ctx: CallContext, self: string, host: string) {
    assertCanBootHere(ctx.services.db, self, host);
  },
  async get_possible_hosts(ctx: CallContext, vm: string) {
    return possibleHostsOf(ctx.services.db, vm);
  },
};
