// The XenAPI server assembled: database, accounts, first start, sessions,
// tasks, events, dispatch and the HTTP endpoints.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { messages } from '../datamodel/index.js';
import { openStore } from './store.js';
import type { XapiDb } from './store.js';
import type { CallContext, Services } from './context.js';
import { Dispatcher } from './dispatch.js';
import { Events } from './events.js';
import { firstStart } from './first-start.js';
import type { CustomActions } from './generated/actions.js';
import { rpcHandler } from './http/rpc.js';
import { consoleHandlers } from './http/console.js';
import { Router, type Handler } from './http/router.js';
import { httpGuard } from './http/guard.js';
import { listen, type HttpLimits, type Listeners } from './http/server.js';
import { DEFAULT_SESSION_OPTIONS, Sessions, type SessionOptions } from './sessions.js';
import { DEFAULT_TASK_OPTIONS, Tasks, type TaskOptions } from './tasks.js';
import { Users } from './users.js';
import { XenopsLink } from './xenops/link.js';
import { xenopsServiceHandler } from './http/xenops.js';
import { blobHandler } from './http/blob.js';
import { attachBlobDir } from './blob/store.js';
import { RrddLink } from './rrdd/link.js';
import { rrdHandler } from './http/rrd.js';
import { Perfmon, type PerfmonOptions } from './perfmon/monitor.js';
import { detachAll } from './lifecycle/vm-disks.js';
import { connectXenops } from '../idl/xenops-client.js';
import { SwitchRpc } from '../switch/rpc.js';
import { customActions } from './actions/index.js';
import { createStorageManager } from '../storage/index.js';
import { startStorage, type StorageStartOptions } from './first-start-storage.js';
import { XapiStorage } from './storage/service.js';
import { LocalVdiLocks, type VdiLocks } from '../storage/vdi-locks.js';
import { HostPower, type HostPowerOptions } from './host/power.js';
import { settleHostAtStart } from './lifecycle/host-power.js';
import { ServerTls } from './http/tls.js';
import { recordServerCertificate } from './actions/certificate.js';
import { HostPool } from './pool/host-pool.js';
import { noPoolDatabase, type PoolMembership } from './pool/membership.js';
import { Toolstack, type ToolstackOptions } from './host/toolstack.js';
import type { PoolRole } from './pool/role.js';

export interface XapiOptions {
  readonly stateDir: string;
  /** TCP listener; `port: 0` picks a free port; `port: undefined` disables TCP. */
  readonly host?: string;
  readonly port?: number;
  /**
   * HTTPS: the same endpoints over TLS, with the certificate of <stateDir>/tls
   * (generated at first start). `port: 0` picks a free port; absent: no HTTPS.
   */
  readonly https?: { readonly host?: string; readonly port: number };
  /** Root password at first start (else generated into <state>/root-password). */
  readonly rootPassword?: string;
  readonly sessions?: Partial<SessionOptions>;
  readonly tasks?: Partial<TaskOptions>;
  /** Keep the database in memory only (tests). */
  readonly inMemory?: boolean;
  /**
   * Serve this store instead of the state directory's SQLite database: a pool
   * master's store (src/pool/xapi-pool.ts), where `hostUuid` names this host.
   */
  readonly database?: {
    readonly store: XapiDb;
    readonly hostUuid: string;
    /** This host's role in the pool (written to pool.conf before serving); default master. */
    readonly role?: PoolRole;
    /** The address this host publishes to the pool (`host.address`). */
    readonly address?: string;
    /** The pool's VDI locks (EtcdVdiLocks); in memory when absent. */
    readonly vdiLocks?: VdiLocks;
  };
  readonly http?: HttpLimits;
  readonly storage?: StorageStartOptions;
  /**
   * This host's xenopsd: a switch queue (`org.xen.xapi.xenops.<name>`, reached
   * through `switchSocket`) or `xenops+unix://<socket>` to talk to it directly.
   */
  readonly xenops?: { readonly target: string; readonly switchSocket?: string };
  /**
   * This host's rrdd: its switch queue (`org.xen.xapi.rrd`) or `rrd+unix://<socket>`.
   * `metricsEveryMs`: how often host_metrics and VM_metrics are refreshed from it.
   */
  readonly rrdd?: {
    readonly target: string;
    readonly switchSocket?: string;
    readonly metricsEveryMs?: number;
    /** perfmon's alarms from other_config:perfmon over rrdd's data (monitor.ts); tests step its clock. */
    readonly perfmon?: Pick<PerfmonOptions, 'clock' | 'intervalMs' | 'rrdStepS' | 'log'>;
  };
  /** Seconds a clean shutdown or reboot may take (default 300). */
  readonly cleanShutdownTimeoutS?: number;
  /**
   * host.shutdown / host.reboot: the commands and delay. `onToolstackDown` runs
   * once the command has succeeded and this server has stopped (the daemon exits).
   */
  readonly power?: HostPowerOptions & { readonly onToolstackDown?: () => void };
  /** The pool database's side of pool.join, eject and master changes (default: none). */
  readonly membership?: PoolMembership;
  /** Plug-in directory, host scripts and what ends the agent (host.restart_agent, shutdown_agent). */
  readonly toolstack?: ToolstackOptions;
  /** More HTTP endpoints (the pool's internal ones, src/pool/join-http.ts). */
  readonly handlers?: (services: Services) => readonly { method: string; path: string; handler: Handler }[];
}

export class Xapi {
  private constructor(
    readonly services: Services,
    readonly dispatcher: Dispatcher,
    readonly listeners: Listeners,
    /** The HTTP handlers served, each under its action (src/datamodel/http-actions.ts). */
    readonly router: Router,
    readonly socketPath: string,
    readonly generatedRootPassword: string | undefined,
    /** The perfmon loop, when an rrdd is configured. */
    readonly perfmon: Perfmon | undefined,
  ) {}

  get port(): number | undefined {
    return this.listeners.port;
  }

  get httpsPort(): number | undefined {
    return this.listeners.httpsPort;
  }

  static async start(opts: XapiOptions): Promise<Xapi> {
    // The state holds session refs and secrets: readable by root only.
    mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
    const dbPath = join(opts.stateDir, 'xapi.db');
    // SQLite gives its WAL the database file's mode, so create it 0600 first.
    if (!opts.inMemory && !opts.database) closeSync(openSync(dbPath, 'a', 0o600));
    const db: XapiDb = opts.database?.store ?? openStore(opts.inMemory ? undefined : dbPath);
    const { users, generated } = await Users.open(opts.stateDir, opts.rootPassword);
    const poolRole = opts.database?.role;
    const { pool, host } = firstStart(db, undefined, opts.database?.hostUuid, poolRole?.kind !== 'slave');
    const published = opts.database?.address;
    if (published !== undefined) db.transaction(() => db.update('host', host, { address: published }));
    const sessions = new Sessions(db, users, host, { ...DEFAULT_SESSION_OPTIONS, ...opts.sessions });
    const tasks = new Tasks(db, host, { ...DEFAULT_TASK_OPTIONS, ...opts.tasks });
    const events = new Events(db);
    const actions: CustomActions = customActions(users);
    const methods = [...messages.keys()].sort();
    const storage = new XapiStorage(
      db,
      createStorageManager(),
      host,
      join(opts.stateDir, 'sr'),
      opts.database?.vdiLocks ?? new LocalVdiLocks(),
    );
    await startStorage(storage, opts.stateDir, pool, opts.storage);
    let link: XenopsLink | undefined;
    const rrdd = opts.rrdd
      ? new RrddLink(opts.rrdd.target, opts.rrdd.switchSocket ?? join(opts.stateDir, 'switch.sock'), {
          db,
          host,
          ...(opts.rrdd.metricsEveryMs !== undefined ? { metricsEveryMs: opts.rrdd.metricsEveryMs } : {}),
        })
      : undefined;
    const perfmon = rrdd ? new Perfmon({ db, host, rrdd, ...opts.rrdd?.perfmon }) : undefined;
    const hostPower = new HostPower(opts.stateDir, opts.power);
    const hostRow = db.get('host', host);
    const tls = new ServerTls(opts.stateDir, { hostname: hostRow.hostname, address: hostRow.address });
    if (opts.https) {
      await tls.ready();
      recordServerCertificate(db, host, tls.certificate.certificate);
    }
    const hostPool = new HostPool(opts.stateDir, opts.membership ?? noPoolDatabase, () => port);
    const socketPath = join(opts.stateDir, 'xapi.sock');
    // The agent stops the server this function returns; it exists by the time anyone can call.
    const server: { xapi?: Xapi } = {};
    const toolstack = new Toolstack(
      opts.stateDir,
      socketPath,
      opts.toolstack ?? {},
      () => server.xapi?.stop() ?? Promise.resolve(),
    );
    if (poolRole) hostPool.follow(poolRole);
    const services: Services = {
      db,
      sessions,
      tasks,
      events,
      storage,
      get xenops() {
        return link;
      },
      rrdd,
      cleanShutdownTimeoutS: opts.cleanShutdownTimeoutS ?? 300,
      get baseUrl() {
        // Where we listen, unless that is every interface: then the host's address.
        const bound = opts.host ?? '127.0.0.1';
        const wildcard = bound === '0.0.0.0' || bound === '::';
        const address = wildcard ? db.get('host', host).address || '127.0.0.1' : bound;
        return `http://${port !== undefined ? `${address}:${port}` : address}`;
      },
      host,
      pool,
      hostPower,
      tls,
      hostPool,
      toolstack,
      listMethods: () => methods,
    };
    settleHostAtStart(db, host, hostPower);
    attachBlobDir(db, opts.stateDir);
    const dispatcher = new Dispatcher(services, actions);
    await db.flush();

    const router = new Router(httpGuard(services));
    router.add('POST', '/', rpcHandler(dispatcher, db, 'xml'));
    router.add('POST', '/jsonrpc', rpcHandler(dispatcher, db, 'json'));
    router.add('GET', '/rrd_updates', rrdHandler(services, 'get_updates'));
    router.add('GET', '/host_rrd', rrdHandler(services, 'get_host_rrd'));
    router.add('GET', '/vm_rrd', rrdHandler(services, 'get_vm_rrd'));
    router.add('POST', '/services/xenops', xenopsServiceHandler(services));
    const blobs = blobHandler(services);
    for (const method of ['GET', 'PUT']) router.add(method, '/blob', blobs);
    for (const h of opts.handlers?.(services) ?? []) router.add(h.method, h.path, h.handler);
    const consoles = consoleHandlers(services);
    router.addSocket('connect', '/console', consoles.connect);
    router.addSocket('upgrade', '/console', consoles.upgrade);
    // Resynchronise from xenopsd before serving anything, so that no client
    // ever reads the state of before a restart.
    // A fixed port is known now; a free one (0) only once listening.
    let port: number | undefined = opts.port === 0 ? undefined : opts.port;
    let httpsPort: number | undefined = opts.https?.port === 0 ? undefined : opts.https?.port;
    if (opts.xenops) {
      const switchPath = opts.xenops.switchSocket ?? join(opts.stateDir, 'switch.sock');
      const conn = connectXenops(opts.xenops.target, {
        viaSwitch: () => new SwitchRpc({ socketPath: switchPath }),
      });
      const address = db.get('host', host).address || '127.0.0.1';
      const sync = {
        db,
        host,
        // Consoles are reached over HTTPS when it is served, as clients expect (`https://host/console?ref=…`).
        get consoleBase() {
          if (opts.https)
            return `https://${httpsPort !== undefined && httpsPort !== 443 ? `${address}:${httpsPort}` : address}`;
          return `http://${port !== undefined ? `${address}:${port}` : address}`;
        },
      };
      link = new XenopsLink(
        conn.client,
        sync,
        () => conn.close(),
        // An operation in progress owns the VM's disks (a start attaches them before the domain exists).
        async (vm) => {
          const ops = db.find('VM', vm)?.current_operations ?? {};
          if (Object.keys(ops).length === 0) await detachAll({ services }, vm);
        },
      );
      link.start();
      await link.ready(120_000);
    }
    const listeners = await listen(router, {
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      socketPath,
      ...(opts.http ? { limits: opts.http } : {}),
      ...(opts.https ? { https: { ...opts.https, tls } } : {}),
      plainHttpAllowed: () => db.find('host', host)?.https_only !== true,
    });
    port = listeners.port;
    httpsPort = listeners.httpsPort;
    toolstack.attach(listeners);
    rrdd?.start();
    perfmon?.start();
    const xapi = new Xapi(services, dispatcher, listeners, router, socketPath, generated, perfmon);
    server.xapi = xapi;
    hostPower.onToolstackDown(() => {
      xapi.stop().then(
        () => opts.power?.onToolstackDown?.(),
        (e: unknown) => {
          process.stderr.write(`xapi: stopping after host power-off: ${String(e)}\n`);
          opts.power?.onToolstackDown?.();
        },
      );
    });
    return xapi;
  }

  /** Call a message in process, as a client over the local socket would. */
  context(): Pick<CallContext, 'services'> {
    return { services: this.services };
  }

  private stopped: Promise<void> | undefined;

  /** Stop serving and close everything; later calls wait for the first. */
  stop(): Promise<void> {
    this.stopped ??= this.stopOnce();
    return this.stopped;
  }

  private async stopOnce(): Promise<void> {
    this.services.toolstack.close();
    await this.listeners.close();
    this.services.hostPool.close();
    await this.services.xenops?.close();
    await this.perfmon?.stop();
    await this.services.rrdd?.close();
    this.services.sessions.close();
    this.services.tasks.close();
    await this.services.db.flush();
    await this.services.db.close();
  }
}
