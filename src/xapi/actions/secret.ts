// secret.introduce: create a secret with a chosen UUID.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const secretActions = {
  async introduce(
    ctx: CallContext,
    uuid: string,
    value: string,
    otherConfig: Readonly<Record<string, string>>,
  ) {
    if (!UUID.test(uuid)) throw apiError('INVALID_VALUE', { field: 'uuid', value: uuid });
    if (ctx.services.db.refByUuid('secret', uuid) !== undefined) {
      throw apiError('INVALID_VALUE', { field: 'uuid', value: `${uuid} is already in use` });
    }
    return ctx.services.db.create('secret', { uuid, value, other_config: otherConfig });
  },
};
