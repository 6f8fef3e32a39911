// What a message implementation receives besides its parameters.
import type { XapiDb } from './store.js';
import type { Tasks, TaskHandle } from './tasks.js';
import type { SessionInfo } from './session-info.js';
import type { Sessions } from './sessions.js';
import type { Events } from './events.js';
import type { XapiStorage } from './storage/service.js';
import type { XenopsLink } from './xenops/link.js';
import type { RrddLink } from './rrdd/link.js';
import type { HostPower } from './host/power.js';
import type { ServerTls } from './http/tls.js';
import type { HostPool } from './pool/host-pool.js';
import type { Toolstack } from './host/toolstack.js';

/** The server's services, shared by every call. */
export interface Services {
  readonly db: XapiDb;
  readonly sessions: Sessions;
  readonly tasks: Tasks;
  readonly events: Events;
  /** SRs, PBDs and VDIs, and the datapath calls of the VM lifecycle. */
  readonly storage: XapiStorage;
  /** The connection to this host's xenopsd; undefined when none is configured. */
  readonly xenops: XenopsLink | undefined;
  /** The connection to this host's rrdd; undefined when none is configured. */
  readonly rrdd: RrddLink | undefined;
  /** How long a clean shutdown or reboot may take before it fails (seconds). */
  readonly cleanShutdownTimeoutS: number;
  /** Base URL of this host's XenAPI over TCP (`http://address:port`), for peers to reach it. */
  readonly baseUrl: string;
  /** This host's ref and the pool's. */
  readonly host: string;
  readonly pool: string;
  /** The power-off/reboot command and this host's local power state. */
  readonly hostPower: HostPower;
  /** The TLS server certificate (HTTPS and host.*_server_certificate). */
  readonly tls: ServerTls;
  /** This host's pool role, the pool secret and the membership seam. */
  readonly hostPool: HostPool;
  /** Plug-ins, host scripts, the agent and the listeners that follow the management interface. */
  readonly toolstack: Toolstack;
  /** Wire names of every implemented message (system.listMethods). */
  listMethods(): readonly string[];
}

export interface CallContext {
  readonly services: Services;
  /** Absent only for messages that take no session (login). */
  readonly session: SessionInfo | undefined;
  /** The wire name called, without `Async.`. */
  readonly method: string;
  /** The task the call runs under (Async calls); undefined for plain sync calls. */
  readonly task: TaskHandle | undefined;
  /** Aborted when the call's task is cancelled. */
  readonly signal: AbortSignal;
  /** True when the call came over the local Unix socket. */
  readonly local: boolean;
}
