// `xapi-ts xapi`: the XenAPI server daemon.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { httpsPort, loadConfig } from '../common/config.js';
import { DEFAULT_LEASE_TTL_S, poolDbConfig } from '../pool/config.js';
import { runHost } from '../pool/host-runtime.js';
import { EXIT_AGENT_RESTART, EXIT_AGENT_SHUTDOWN } from '../supervisor/supervised.js';

const USAGE = `usage: xapi-ts xapi [options]
  --state-dir DIR     state directory (default $XAPI_TS_STATE_DIR or .state/)
  --host ADDR         TCP address (default $XAPI_TS_HOST or 127.0.0.1)
  --port N            TCP port, 0 for any free one (default $XAPI_TS_PORT or 8080)
  --https-host ADDR   HTTPS address (default $XAPI_TS_HTTPS_HOST or the --host address)
  --https-port N      HTTPS port, 0 for any free one, none for no HTTPS
                      (default $XAPI_TS_HTTPS_PORT or 443); the certificate is
                      generated into <state-dir>/tls at first start
  --xenops TARGET     this host's xenopsd: a switch queue (org.xen.xapi.xenops.NAME)
                      or xenops+unix://SOCKET; none: VM operations are refused
  --rrdd TARGET       this host's rrdd: its switch queue (org.xen.xapi.rrd) or rrd+unix://SOCKET;
                      none: metrics calls fail (INTERNAL_ERROR), /rrd_updates answers 503
  --switch PATH       message switch socket (default <state-dir>/switch.sock)
  --poweroff-command CMD  shell command host.shutdown runs (default $XAPI_TS_POWEROFF_COMMAND or poweroff)
  --reboot-command CMD    shell command host.reboot runs (default $XAPI_TS_REBOOT_COMMAND or reboot)
  --etcd-endpoints URLS   pool mode: the pool database is in etcd at these comma-separated
                      client URLs (default $XAPI_TS_ETCD_ENDPOINTS); without, standalone (SQLite)
  --pool-uuid UUID    pool mode: the pool whose database to use (default $XAPI_TS_POOL_UUID)
  --pool-lease-ttl S  pool mode: host lease TTL in seconds (default $XAPI_TS_POOL_LEASE_TTL or 15)
  --plugins-dir DIR   host.call_plugin's plug-ins (default $XAPI_TS_PLUGINS_DIR or /etc/xapi.d/plugins)
  --set-hostname-command PATH   run by host.set_hostname_live with the new name (default
                      $XAPI_TS_SET_HOSTNAME_COMMAND; none: only the record changes)
  --syslog-reconfigure-command PATH   run by host.syslog_reconfigure with --noremote or
                      --remote=DEST (default $XAPI_TS_SYSLOG_RECONFIGURE_COMMAND; none: not implemented)
  --bugreport-upload-command PATH   run by host.bugreport_upload with INPUT_URL and PROXY set
                      (default $XAPI_TS_BUGREPORT_UPLOAD_COMMAND; none: not implemented)
  --pool-etcd URLS    the etcd cluster (comma-separated client URLs) this host puts its
                      database in when another host joins it (default $XAPI_TS_POOL_ETCD);
                      without, the pool's first three hosts run its etcd members themselves
  --pool-etcd-port N  the client port of this host's own etcd member, N+1 its peer port
                      (default $XAPI_TS_POOL_ETCD_PORT or 2379)

A host that joined or created a pool keeps its pool database's place in
<state-dir>/pool-db.json and starts in pool mode from it.

After host.shutdown or host.reboot has run its command, xapi exits with status 0;
after host.restart_agent with status ${EXIT_AGENT_RESTART} (start me again), after
host.shutdown_agent with ${EXIT_AGENT_SHUTDOWN} (leave me stopped).
`;

const optional = <K extends string>(k: K, v: string | undefined): { [P in K]?: string } =>
  (v ? { [k]: v } : {}) as { [P in K]?: string };

export async function main(args: string[]): Promise<void> {
  const cfg = loadConfig();
  let o;
  try {
    o = parseArgs({
      args,
      options: {
        'state-dir': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'https-host': { type: 'string' },
        'https-port': { type: 'string' },
        xenops: { type: 'string' },
        rrdd: { type: 'string' },
        switch: { type: 'string' },
        'poweroff-command': { type: 'string' },
        'reboot-command': { type: 'string' },
        'etcd-endpoints': { type: 'string' },
        'pool-uuid': { type: 'string' },
        'pool-lease-ttl': { type: 'string' },
        'pool-etcd': { type: 'string' },
        'pool-etcd-port': { type: 'string' },
        'plugins-dir': { type: 'string' },
        'set-hostname-command': { type: 'string' },
        'syslog-reconfigure-command': { type: 'string' },
        'bugreport-upload-command': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (o.help) {
    process.stdout.write(USAGE);
    return;
  }
  const stateDir = o['state-dir'] ?? cfg.stateDir;
  const host = o.host ?? cfg.host;
  const pool = poolDbConfig({
    endpoints: o['etcd-endpoints'],
    poolUuid: o['pool-uuid'],
    leaseTtl: o['pool-lease-ttl'],
  });
  const tlsPort = o['https-port'] !== undefined ? httpsPort(o['https-port']) : cfg.httpsPort;
  if (tlsPort !== undefined && !(Number.isInteger(tlsPort) && tlsPort >= 0 && tlsPort < 65536)) {
    process.stderr.write(
      `invalid HTTPS port: ${o['https-port'] ?? process.env['XAPI_TS_HTTPS_PORT']}\n${USAGE}`,
    );
    process.exitCode = 2;
    return;
  }
  const tlsHost = o['https-host'] ?? cfg.httpsHost ?? host;
  const xapiOpts = {
    stateDir,
    host,
    port: Number(o.port ?? cfg.port),
    ...(tlsPort !== undefined ? { https: { host: tlsHost, port: tlsPort } } : {}),
    ...(cfg.rootPassword ? { rootPassword: cfg.rootPassword } : {}),
    ...(o.xenops
      ? { xenops: { target: o.xenops, switchSocket: o.switch ?? join(stateDir, 'switch.sock') } }
      : {}),
    ...(o.rrdd ? { rrdd: { target: o.rrdd, switchSocket: o.switch ?? join(stateDir, 'switch.sock') } } : {}),
    power: {
      ...optional('poweroffCommand', o['poweroff-command'] ?? process.env['XAPI_TS_POWEROFF_COMMAND']),
      ...optional('rebootCommand', o['reboot-command'] ?? process.env['XAPI_TS_REBOOT_COMMAND']),
      // The machine is going down: the daemon's work is done.
      onToolstackDown: () => process.exit(0),
    },
    toolstack: {
      ...optional('pluginsDir', o['plugins-dir'] ?? process.env['XAPI_TS_PLUGINS_DIR']),
      ...optional(
        'setHostnameCommand',
        o['set-hostname-command'] ?? process.env['XAPI_TS_SET_HOSTNAME_COMMAND'],
      ),
      ...optional(
        'syslogReconfigureCommand',
        o['syslog-reconfigure-command'] ?? process.env['XAPI_TS_SYSLOG_RECONFIGURE_COMMAND'],
      ),
      ...optional(
        'bugreportUploadCommand',
        o['bugreport-upload-command'] ?? process.env['XAPI_TS_BUGREPORT_UPLOAD_COMMAND'],
      ),
      // The server has stopped; the exit status tells the supervisor what comes next.
      onAgentDown: (action: 'restart' | 'shutdown') =>
        process.exit(action === 'restart' ? EXIT_AGENT_RESTART : EXIT_AGENT_SHUTDOWN),
    },
  };
  const newPoolEtcd = (o['pool-etcd'] ?? process.env['XAPI_TS_POOL_ETCD'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const ttlText = o['pool-lease-ttl'] ?? process.env['XAPI_TS_POOL_LEASE_TTL'];
  const memberPort = Number(o['pool-etcd-port'] ?? process.env['XAPI_TS_POOL_ETCD_PORT'] ?? 2379);
  if (!Number.isInteger(memberPort) || memberPort <= 0 || memberPort >= 65535) {
    process.stderr.write(`invalid etcd member port: ${memberPort}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const log = (line: string): void => {
    process.stdout.write(`xapi: ${line}\n`);
  };
  const runtime = await runHost({
    xapi: xapiOpts,
    ...(pool ? { pool } : {}),
    ...(newPoolEtcd.length > 0 ? { newPoolEtcd } : {}),
    memberPorts: { client: memberPort, peer: memberPort + 1 },
    newPoolLeaseTtl: ttlText === undefined ? DEFAULT_LEASE_TTL_S : Number(ttlText),
    log: (line) => log(line.startsWith('pool') ? line : `pool: ${line}`),
    onServing: (xapi, mode) => {
      if (xapi.generatedRootPassword) {
        log(
          `first start; the root password is ${xapi.generatedRootPassword} (also in ${stateDir}/root-password)`,
        );
      }
      const secure = xapi.httpsPort !== undefined ? `, https://${tlsHost}:${xapi.httpsPort}` : '';
      log(`listening on http://${host}:${xapi.port}${secure} and ${xapi.socketPath} (${mode})`);
    },
  });
  const stop = () => {
    runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
