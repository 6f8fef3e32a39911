// VM.pool_migrate within this pool. Our pools have one host, so the
// destination is the host the VM runs on: a localhost migration. xenopsd's
// VM.migrate cannot target the xenopsd it runs in (the VM id is the same on
// both ends), so the domain moves through an image: saved and restored
// through this host's xenopsd, while xapi holds back xenopsd's reports of the
// VM, so to clients it stays Running throughout and comes back with its new
// domain (domid, consoles). Cancellation is honoured until the domain is
// saved; from there the VM is brought back whatever happens.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { withOperation } from '../lifecycle/operations.js';
import { dbg, linkOf, run, suspendSr } from '../lifecycle/vm-power.js';
import { vdiActions } from './vdi.js';
import { boolOption, migrateFailed } from './migrate-plan.js';

const OPTIONS = ['force', 'live', 'copy', 'compress'] as const;

export async function poolMigrate(
  ctx: CallContext,
  vm: string,
  host: string,
  options: Readonly<Record<string, string>>,
): Promise<void> {
  const { db, storage } = ctx.services;
  const hostRow = db.get('host', host);
  for (const k of OPTIONS) boolOption(options, k, false);
  await withOperation(ctx, 'VM', vm, 'pool_migrate', async () => {
    if (hostRow['enabled'] === false) throw apiError('HOST_DISABLED', { host });
    const link = linkOf(ctx);
    const row = db.get('VM', vm);
    const uuid = String(row['uuid']);
    const image = await vdiActions.create(ctx, {
      SR: suspendSr(ctx),
      virtual_size: Number(row['memory_static_max']) + 64 * 1024 * 1024,
      type: 'suspend',
      sharable: false,
      read_only: false,
      other_config: {},
      sm_config: { 'image-format': 'raw' },
      name_label: `Migration image of ${String(row['name_label'])}`,
    });
    const dp = `migrate/${uuid}`;
    const release = link.hold(uuid);
    try {
      const info = await storage.attach(image, dp, true);
      await storage.activate(image, dp);
      const disk: ['Local', string] = ['Local', info.path];
      await run(ctx, () =>
        link.client.call('VM.suspend', { dbg: dbg(ctx), id: uuid, disk }).then(String),
      ).catch((e: unknown) => {
        throw migrateFailed(e, vm, ctx.services.host, host);
      });
      // Saved: the VM must come back, cancelled or not.
      const noCancel = async (start: () => Promise<string>): Promise<void> => {
        await link.waitTask(await start(), { task: ctx.task });
      };
      await noCancel(() => link.client.call('VM.resume', { dbg: dbg(ctx), id: uuid, disk }).then(String));
      await noCancel(() => link.client.call('VM.unpause', { dbg: dbg(ctx), id: uuid }).then(String));
    } finally {
      await storage.deactivate(image, dp).catch(() => undefined);
      await storage.detach(image, dp).catch(() => undefined);
      await vdiActions.destroy(ctx, image).catch(() => undefined);
      await release();
    }
  });
}
