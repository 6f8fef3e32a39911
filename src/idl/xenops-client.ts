// Reaching a xenopsd: `xenops+unix:///path/xenopsd-NAME.sock` talks HTTP to its
// direct socket; `http(s)://host:port/services/xenops?session_id=…` goes through
// another host's xapi, which forwards to its xenopsd (how a migration reaches
// the destination); anything else is a switch queue (`org.xen.xapi.xenops.NAME`),
// reached through the message switch connection the caller opens (the IDL
// does not depend on the switch, which is built on it).
import { apiError } from '../datamodel/api-error.js';
import { Client, type Transport } from './client.js';
import { HttpUnixTransport } from './http.js';
import { HttpUrlTransport } from './http-url.js';
import { Xenops, type XenopsInterface } from './xenops.js';

export interface Connection {
  readonly client: Client<XenopsInterface>;
  close(): Promise<void>;
}

export const socketScheme = 'xenops+unix://';

/** Transports to named queues over one connection (the switch's SwitchRpc is one). */
export interface QueueTransports {
  transport(queue: string): Transport;
  close(): void;
}

export interface ConnectOptions {
  /** Opens the switch connection a queue target needs; without it a queue target is unreachable. */
  readonly viaSwitch?: () => QueueTransports;
  /** Default timeout of every call (milliseconds). */
  readonly timeoutMs?: number;
}

export function connectXenops(target: string, opts: ConnectOptions = {}): Connection {
  const { timeoutMs } = opts;
  if (/^https?:\/\//.test(target)) {
    const client = new Client(Xenops, new HttpUrlTransport(target), { timeoutMs });
    return { client, close: () => client.close() };
  }
  if (target.startsWith(socketScheme)) {
    const transport = new HttpUnixTransport(target.slice(socketScheme.length));
    const client = new Client(Xenops, transport, { timeoutMs });
    return { client, close: () => client.close() };
  }
  if (!opts.viaSwitch)
    throw apiError('RPC_SERVICE_UNREACHABLE', {
      address: target,
      reason: 'no message switch to reach the queue',
    });
  const rpc = opts.viaSwitch();
  const client = new Client(Xenops, rpc.transport(target), { timeoutMs });
  return {
    client,
    close: async () => {
      rpc.close();
    },
  };
}
