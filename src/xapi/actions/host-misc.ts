// host.* messages of the toolstack and the machine's housekeeping: plug-ins,
// the agent, the management interface, memory figures, RRD backups, the
// host name, syslog, debug keys, status capabilities, bug reports and
// remote power-on. xapi's behaviour is followed message by message; where
// xapi fails by design (get_log, dmesg_clear) so does this.
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import { hostnameProblem } from '../host/hostname.js';
import { callPlugin, findPlugin } from '../host/plugins.js';
import { capabilitiesXml, hostCapabilities } from '../host/system-status.js';
import { runCommand, type CommandResult } from '../host/toolstack.js';
import {
  disableManagement,
  localReconfigureManagement,
  managementInterface,
  reconfigureManagement,
} from '../host/management.js';
import { assertHostOperation, refreshHostAllowed, withHostOperation } from '../lifecycle/host-operations.js';
import { rrddOf } from '../rrdd/records.js';

/** The plug-in and function host.power_on runs, as xapi's. */
export const POWER_ON_PLUGIN = 'power-on-host';
const POWER_ON_FN = 'main';

/** A destination syslog can be told on a command line: host or [v6], optional port. */
const SYSLOG_DESTINATION = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * The host must be this one: these messages act on the machine xapi runs on
 * (xapi forwards them to the host named; calls are not forwarded between
 * members here, so another host is HOST_OFFLINE as for SR.create).
 */
function thisHost(ctx: CallContext, host: string): void {
  ctx.services.db.get('host', host);
  if (host !== ctx.services.host) throw apiError('HOST_OFFLINE', { host });
}

function pluginRun(ctx: CallContext, plugin: string, fn: string, args: Readonly<Record<string, string>>) {
  const { toolstack } = ctx.services;
  return callPlugin({
    dir: toolstack.pluginsDir,
    plugin,
    fn,
    session: ctx.session?.ref ?? '',
    args,
    signal: ctx.signal,
    // Plug-ins that call back need to know where: the Unix socket takes local root without a password.
    env: { XAPI_TS_SOCKET: toolstack.socketPath, XAPI_TS_URL: ctx.services.baseUrl },
  });
}

function commandFailed(what: string, r: CommandResult): never {
  const why =
    r.stderr.trim() || r.stdout.trim() || (r.signal ? `signal ${r.signal}` : `exit status ${r.code}`);
  throw apiError('INTERNAL_ERROR', { message: `${what} failed: ${why}` });
}

/** host.bugreport_upload: curl's exit statuses as xapi words them. */
function uploadFailure(r: CommandResult): string | undefined {
  switch (r.code) {
    case 1:
    case 3:
    case 4:
      return 'URL not recognised';
    case 5:
    case 6:
      return 'Failed to resolve proxy or host';
    case 7:
      return 'Failed to connect to host';
    case 9:
      return 'FTP access denied';
    default:
      return undefined;
  }
}

export const hostMiscActions = {
  async call_plugin(
    ctx: CallContext,
    host: string,
    plugin: string,
    fn: string,
    args: Readonly<Record<string, string>>,
  ) {
    thisHost(ctx, host);
    return pluginRun(ctx, plugin, fn, args);
  },

  async restart_agent(ctx: CallContext, host: string) {
    thisHost(ctx, host);
    ctx.services.toolstack.scheduleAgent('restart');
  },
  async shutdown_agent(ctx: CallContext) {
    ctx.services.toolstack.scheduleAgent('shutdown');
  },

  async management_reconfigure(ctx: CallContext, pif: string) {
    await reconfigureManagement(ctx, pif);
  },
  async local_management_reconfigure(ctx: CallContext, device: string) {
    await localReconfigureManagement(ctx, device);
  },
  async management_disable(ctx: CallContext) {
    await disableManagement(ctx);
  },
  async get_management_interface(ctx: CallContext, host: string) {
    return managementInterface(ctx.services.db, host);
  },

  // xapi's Memory_check: the host's memory less its own overhead less, for
  // every VM resident or scheduled here, dynamic_min and its overhead (the
  // most a balloon could give back), never below zero.
  async compute_free_memory(ctx: CallContext, host: string) {
    const { db } = ctx.services;
    const row = db.get('host', host);
    const total = db.find('host_metrics', row.metrics)?.memory_total ?? 0;
    let free = total - row.memory_overhead;
    for (const [, vm] of db.all('VM')) {
      if (vm.resident_on === host || vm.scheduled_to_be_resident_on === host)
        free -= vm.memory_dynamic_min + vm.memory_overhead;
    }
    return Math.max(0, free);
  },
  async compute_memory_overhead(ctx: CallContext, host: string) {
    return ctx.services.db.get('host', host).memory_overhead;
  },

  async get_log(ctx: CallContext, host: string): Promise<string> {
    ctx.services.db.get('host', host);
    throw apiError('NOT_IMPLEMENTED', { function: 'get_log' });
  },
  async dmesg_clear(ctx: CallContext, host: string): Promise<string> {
    ctx.services.db.get('host', host);
    throw apiError('NOT_IMPLEMENTED', { function: 'dmesg_clear' });
  },
  async send_debug_keys(ctx: CallContext, host: string, _keys: string) {
    ctx.services.db.get('host', host);
    // Debug keys go to the Xen hypervisor; these hosts run guests on KVM/QEMU or the simulator.
    throw apiError('NOT_IMPLEMENTED', { function: 'send_debug_keys' });
  },

  // The non-database data here is the RRDs: written to disk now, durably.
  async sync_data(ctx: CallContext, host: string) {
    thisHost(ctx, host);
    await rrddOf(ctx).call((c) => c.call('archive_rrds', { dbg: ctx.method }));
  },
  async backup_rrds(ctx: CallContext, host: string, delay: number) {
    thisHost(ctx, host);
    if (!Number.isFinite(delay) || delay < 0)
      throw apiError('INVALID_VALUE', { field: 'delay', value: delay });
    const rrdd = rrddOf(ctx);
    // As xapi: scheduled, the call answers at once; a failure is logged, not reported.
    ctx.services.toolstack.later(delay * 1000, () =>
      rrdd
        .call((c) => c.call('archive_rrds', { dbg: 'host.backup_rrds' }))
        .then(
          () => undefined,
          (e: unknown) => void process.stderr.write(`xapi: host.backup_rrds: ${String(e)}\n`),
        ),
    );
  },

  async set_hostname_live(ctx: CallContext, host: string, hostname: string) {
    const { db, toolstack } = ctx.services;
    thisHost(ctx, host);
    const problem = hostnameProblem(hostname);
    if (problem) throw problem;
    const command = toolstack.opts.setHostnameCommand;
    if (command) {
      const r = await runCommand(command, [hostname]);
      if (r.code !== 0) commandFailed('setting the host name', r);
    }
    db.transaction(() => {
      db.update('host', host, { hostname });
      // xapi names the control domain after the host.
      const dom0 = db.get('host', host).control_domain;
      if (db.has('VM', dom0)) db.update('VM', dom0, { name_label: `Control domain on host: ${hostname}` });
    });
  },

  async syslog_reconfigure(ctx: CallContext, host: string) {
    const { db, toolstack } = ctx.services;
    thisHost(ctx, host);
    const destination = db.get('host', host).logging['syslog_destination'] ?? '';
    if (destination !== '' && !SYSLOG_DESTINATION.test(destination))
      throw apiError('INVALID_VALUE', { field: 'logging:syslog_destination', value: destination });
    const command = toolstack.opts.syslogReconfigureCommand;
    if (!command) throw apiError('NOT_IMPLEMENTED', { function: 'syslog_reconfigure' });
    const r = await runCommand(command, [destination === '' ? '--noremote' : `--remote=${destination}`]);
    if (r.code !== 0) commandFailed('reconfiguring syslog', r);
  },

  async get_system_status_capabilities(ctx: CallContext, host: string) {
    thisHost(ctx, host);
    return capabilitiesXml(hostCapabilities(ctx.services.toolstack.stateDir));
  },

  async get_uncooperative_resident_VMs(ctx: CallContext, self: string): Promise<readonly string[]> {
    ctx.services.db.get('host', self);
    return [];
  },

  async bugreport_upload(
    ctx: CallContext,
    host: string,
    url: string,
    options: Readonly<Record<string, string>>,
  ) {
    thisHost(ctx, host);
    if (url === '') throw apiError('INVALID_VALUE', { field: 'url', value: '' });
    const command = ctx.services.toolstack.opts.bugreportUploadCommand;
    if (!command) throw apiError('NOT_IMPLEMENTED', { function: 'bugreport_upload' });
    const proxy = options['http_proxy'] ?? process.env['http_proxy'] ?? '';
    const r = await runCommand(command, [], { INPUT_URL: url, PROXY: proxy });
    if (r.code === 0) return;
    const known = uploadFailure(r);
    if (known) throw apiError('INTERNAL_ERROR', { message: known });
    commandFailed('the bug-report upload', r);
  },

  async set_power_on_mode(
    ctx: CallContext,
    self: string,
    mode: string,
    config: Readonly<Record<string, string>>,
  ) {
    const { db } = ctx.services;
    const old = db.get('host', self).power_on_config;
    db.transaction(() => {
      db.update('host', self, { power_on_mode: mode, power_on_config: { ...config } });
      // The old settings' secrets go, as xapi's clean_out_passwds (unless the new settings still name them).
      const kept = new Set(
        Object.entries(config).flatMap(([k, v]) => (k.endsWith('password_secret') ? [v] : [])),
      );
      for (const [k, uuid] of Object.entries(old)) {
        if (!k.endsWith('password_secret') || kept.has(uuid)) continue;
        const secret = db.refByUuid('secret', uuid);
        if (secret !== undefined) db.destroy('secret', secret);
      }
    });
    // allowed_operations follows power_on_mode
    refreshHostAllowed(db, self);
  },

  async power_on(ctx: CallContext, host: string) {
    const { db } = ctx.services;
    assertHostOperation(db, host, 'power_on');
    await findPlugin(ctx.services.toolstack.pluginsDir, POWER_ON_PLUGIN);
    await withHostOperation(ctx, host, 'power_on', async () => {
      const result = await pluginRun(ctx, POWER_ON_PLUGIN, POWER_ON_FN, {
        remote_host_uuid: db.get('host', host).uuid,
      });
      if (result !== 'True') throw apiError('INTERNAL_ERROR', { message: 'The host failed to power on.' });
    });
  },
};
