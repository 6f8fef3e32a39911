// VBD disk QoS: qos_algorithm_type and qos_algorithm_params checked when set
// (disk-qos.ts) and, for a plugged disk of a running or paused VM, applied by
// xenopsd first (VBD.set_qos); the record changes only once the backend took it.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { uuidOf } from '../lifecycle/vm-push.js';
import { vbdName } from '../xenops/config.js';
import { diskQosOf } from '../xenops/disk-qos.js';
import { runXenopsTask } from '../xenops/run-task.js';

async function changeQos(
  ctx: CallContext,
  self: string,
  type: string,
  params: Readonly<Record<string, string>>,
): Promise<void> {
  const { db } = ctx.services;
  const row = db.get('VBD', self);
  const qos = diskQosOf(type, params);
  const state = db.get('VM', row.VM).power_state;
  if (row.currently_attached && (state === 'Running' || state === 'Paused')) {
    const id: [string, string] = [uuidOf(ctx, row.VM), vbdName(row)];
    await runXenopsTask(ctx, (x, dbg) => x.call('VBD.set_qos', { dbg, id, qos }), {
      touches: [{ device: 'VBD', vm: id[0], name: id[1] }],
    });
  }
  db.update('VBD', self, { qos_algorithm_type: type, qos_algorithm_params: { ...params } });
}

export const vbdQosActions = {
  async set_qos_algorithm_type(ctx: CallContext, self: string, value: string) {
    await changeQos(ctx, self, value, ctx.services.db.get('VBD', self).qos_algorithm_params);
  },
  async set_qos_algorithm_params(ctx: CallContext, self: string, value: Readonly<Record<string, string>>) {
    await changeQos(ctx, self, ctx.services.db.get('VBD', self).qos_algorithm_type, value);
  },
  async add_to_qos_algorithm_params(ctx: CallContext, self: string, key: string, value: string) {
    const row = ctx.services.db.get('VBD', self);
    if (Object.hasOwn(row.qos_algorithm_params, key))
      throw apiError('MAP_DUPLICATE_KEY', {
        type: 'VBD',
        param_name: 'qos_algorithm_params',
        uuid: self,
        key,
      });
    await changeQos(ctx, self, row.qos_algorithm_type, { ...row.qos_algorithm_params, [key]: value });
  },
  async remove_from_qos_algorithm_params(ctx: CallContext, self: string, key: string) {
    const row = ctx.services.db.get('VBD', self);
    if (!Object.hasOwn(row.qos_algorithm_params, key)) return;
    const { [key]: _gone, ...rest } = row.qos_algorithm_params;
    await changeQos(ctx, self, row.qos_algorithm_type, rest);
  },
};
