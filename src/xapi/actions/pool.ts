// pool.* messages.
import type { CallContext } from '../context.js';

export const poolActions = {
  /**
   * Every committed write is already fsynced (the database runs with
   * synchronous=FULL); this waits for the writes of the current turn to be
   * committed, so everything done before the call is on disk when it returns.
   * xapi also pushes the database to the pool's members: pools here have one host.
   */
  async sync_database(ctx: CallContext) {
    await ctx.services.db.flush();
  },
};
