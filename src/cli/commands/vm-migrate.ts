// xe vm-migrate: within the pool (VM.pool_migrate to host=), or, given
// remote-master=, to another pool: log in there, ask the destination host for
// its migrate_receive map, map every disk to an SR (vdi:<vdi-uuid>=<sr-uuid>,
// else destination-sr-uuid=, else the remote pool's default SR) and every VIF
// to a network (vif:<vif-uuid>=<network-uuid>, else the migration network),
// then VM.migrate_send.
import { jsonRpcTransport } from '../../client/transport.js';
import type { Ctx } from '../command.js';
import { Api } from '../api.js';
import { CliFailure } from '../errors.js';
import { invoke } from '../invoke.js';
import type { Rec } from '../records.js';
import { parseBool } from '../values.js';

export const VM_MIGRATE_OPTIONS = [
  'host',
  'host-uuid',
  'live',
  'remote-master',
  'remote-username',
  'remote-password',
  'remote-network',
  'destination-sr-uuid',
  'vdi:',
  'vif:',
] as const;

/** `http://a:p` from remote-master= (an address, address:port or URL). */
export function masterUrl(v: string): string {
  return /^https?:\/\//.test(v) ? v.replace(/\/+$/, '') : `http://${v}`;
}

function liveOption(ctx: Ctx): boolean {
  return ctx.params.has('live') ? parseBool(ctx.params.get('live') as string, 'live') : true;
}

async function localHost(ctx: Ctx): Promise<string> {
  const v = ctx.params.get('host') ?? ctx.params.get('host-uuid');
  if (v === undefined) throw new CliFailure('A destination must be given with host=<name or uuid>');
  const hit = Object.entries(await ctx.api.records('host')).find(
    ([, r]) => r['uuid'] === v || r['name_label'] === v || r['hostname'] === v,
  );
  if (!hit) throw new CliFailure(`No matching hosts found for host=${v}`);
  return hit[0];
}

async function remoteMigrate(ctx: Ctx, vm: Rec, master: string): Promise<void> {
  const user = ctx.params.get('remote-username');
  const password = ctx.params.get('remote-password');
  if (user === undefined || password === undefined)
    throw new CliFailure('remote-username and remote-password are required with remote-master');
  const transport = jsonRpcTransport({ url: masterUrl(master) });
  try {
    const session = String(await transport('session.login_with_password', [user, password, '1.1', 'xe']));
    const remote = new Api(transport, session);
    try {
      const hosts = await remote.records('host');
      const want = ctx.params.get('host') ?? ctx.params.get('host-uuid');
      const hostHit = Object.entries(hosts).find(
        ([, r]) =>
          want === undefined || r['uuid'] === want || r['name_label'] === want || r['hostname'] === want,
      );
      if (!hostHit) throw new CliFailure(`No matching hosts found on the remote pool for host=${want}`);
      const networks = await remote.records('network');
      const byUuid = async (cls: string, uuid: string) => remote.byUuid(cls, uuid);
      let network: string;
      const given = ctx.params.get('remote-network');
      if (given !== undefined) network = await byUuid('network', given);
      else {
        const pifs = await remote.records('PIF');
        const mgmt = Object.values(pifs).find((p) => p['management'] === true && p['host'] === hostHit[0]);
        network = mgmt ? String(mgmt['network']) : (Object.keys(networks)[0] ?? '');
      }
      if (!network) throw new CliFailure('The remote pool has no network to migrate through');
      const pool = Object.values(await remote.records('pool'))[0];
      const defaultSr = ctx.params.get('destination-sr-uuid');
      const sr = defaultSr !== undefined ? await byUuid('SR', defaultSr) : String(pool?.['default_SR'] ?? '');
      const vdiMap: Record<string, string> = {};
      for (const vbd of (vm.r['VBDs'] as readonly string[]) ?? []) {
        const v = await ctx.api.record('VBD', vbd);
        if (v['empty'] === true || v['type'] === 'CD') continue;
        const vdi = String(v['VDI']);
        const vdiUuid = String(await ctx.api.call('VDI.get_uuid', vdi));
        const target = ctx.params.get(`vdi:${vdiUuid}`);
        vdiMap[vdi] = target !== undefined ? await byUuid('SR', target) : sr;
      }
      const vifMap: Record<string, string> = {};
      for (const vif of (vm.r['VIFs'] as readonly string[]) ?? []) {
        const vifUuid = String(await ctx.api.call('VIF.get_uuid', vif));
        const target = ctx.params.get(`vif:${vifUuid}`);
        vifMap[vif] = target !== undefined ? await byUuid('network', target) : network;
      }
      const dest = await remote.call('host.migrate_receive', hostHit[0], network, {});
      await invoke(ctx, 'VM.migrate_send', {
        vm: vm.ref,
        dest,
        live: liveOption(ctx),
        vdi_map: vdiMap,
        vif_map: vifMap,
        options: {},
        vgpu_map: {},
      });
    } finally {
      await transport('session.logout', [session]).catch(() => undefined);
    }
  } finally {
    transport.close();
  }
}

export async function vmMigrate(ctx: Ctx, vm: Rec): Promise<void> {
  const master = ctx.params.get('remote-master');
  if (master !== undefined) return remoteMigrate(ctx, vm, master);
  const host = await localHost(ctx);
  await invoke(ctx, 'VM.pool_migrate', { vm: vm.ref, host, options: { live: String(liveOption(ctx)) } });
}
