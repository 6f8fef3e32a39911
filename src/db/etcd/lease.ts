// A host's etcd lease with our own keepalive loop and loss deadline.
//
// Why not etcd3's Lease: its keepalive timers and its `lost` event run on the
// wall clock and fire only after 2 × TTL (pools.md §4.2). Here liveness is
// judged on a monotonic clock from the *send* time of the last acknowledged
// keepalive: the server set the lease's expiry to at least that send time +
// TTL (it received the request after we sent it; leader changes only extend
// leases), so until `sent + TTL` the lease is certainly alive, and once no ack
// has come for `TTL − margin` we report it as lost, before etcd can expire it.
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { EtcdClient, KeepAliveStream } from './client.js';

export interface LeaseOptions {
  readonly ttlSeconds: number;
  /** Report the lease lost this long before it can expire (default max(1 s, TTL/5)). */
  readonly marginMs?: number;
  /** Keepalive period (default TTL/3). */
  readonly intervalMs?: number;
}

export type LeaseLoss = { readonly reason: string; readonly at: number };

/**
 * Events: `lost` (LeaseLoss) once, when no keepalive was acknowledged for
 * TTL − margin or etcd answered that the lease is gone; `ack` (monotonic ms)
 * on each acknowledged keepalive.
 */
export class HostLease extends EventEmitter {
  /** Monotonic send time of the newest acknowledged keepalive (or of the grant). */
  private lastAckSent: number;
  private readonly inFlight: number[] = [];
  private stream: KeepAliveStream | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private reopening: NodeJS.Timeout | undefined;
  private state: 'alive' | 'lost' | 'closed' = 'alive';
  readonly marginMs: number;
  private readonly intervalMs: number;

  private constructor(
    private readonly client: EtcdClient,
    /** Lease id, decimal. */
    readonly id: string,
    readonly ttlSeconds: number,
    grantSent: number,
    opts: LeaseOptions,
  ) {
    super();
    this.lastAckSent = grantSent;
    this.marginMs = opts.marginMs ?? Math.max(1000, (ttlSeconds * 1000) / 5);
    this.intervalMs = opts.intervalMs ?? (ttlSeconds * 1000) / 3;
  }

  static async grant(client: EtcdClient, opts: LeaseOptions): Promise<HostLease> {
    const sent = performance.now();
    const { id, ttl } = await client.leaseGrant(opts.ttlSeconds);
    const lease = new HostLease(client, id, ttl, sent, opts);
    lease.armDeadline();
    await lease.openStream();
    lease.ticker = setInterval(() => lease.sendKeepAlive(), lease.intervalMs);
    return lease;
  }

  /** The lease id in hex, as etcd's tools and the election keys spell it. */
  get hexId(): string {
    return BigInt(this.id).toString(16);
  }

  get alive(): boolean {
    return this.state === 'alive';
  }

  /** Monotonic time until which the lease is certainly alive in etcd. */
  get aliveUntil(): number {
    return this.lastAckSent + this.ttlSeconds * 1000;
  }

  private armDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline);
    const at = this.aliveUntil - this.marginMs;
    this.deadline = setTimeout(
      () => this.lose('no keepalive acknowledged within TTL - margin'),
      at - performance.now(),
    );
  }

  private async openStream(): Promise<void> {
    this.inFlight.length = 0;
    try {
      this.stream = await this.client.keepAliveStream(
        (id, ttl) => this.onAck(id, ttl),
        () => this.scheduleReopen(),
      );
    } catch {
      this.scheduleReopen();
      return;
    }
    if (this.state !== 'alive') this.stream.close();
  }

  private scheduleReopen(): void {
    this.stream = undefined;
    if (this.state !== 'alive' || this.reopening) return;
    this.reopening = setTimeout(() => {
      this.reopening = undefined;
      void this.openStream();
    }, 200);
  }

  private sendKeepAlive(): void {
    if (!this.stream) return;
    this.inFlight.push(performance.now());
    this.stream.send(this.id);
  }

  private onAck(id: string, ttl: number): void {
    if (id !== this.id || this.state !== 'alive') return;
    const sent = this.inFlight.shift();
    if (ttl <= 0) {
      this.lose('etcd reports the lease expired');
      return;
    }
    if (sent === undefined) return;
    this.lastAckSent = Math.max(this.lastAckSent, sent);
    this.armDeadline();
    this.emit('ack', sent);
  }

  private lose(reason: string): void {
    if (this.state !== 'alive') return;
    this.state = 'lost';
    this.stop();
    const loss: LeaseLoss = { reason, at: performance.now() };
    this.emit('lost', loss);
  }

  private stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.deadline) clearTimeout(this.deadline);
    if (this.reopening) clearTimeout(this.reopening);
    this.ticker = this.deadline = this.reopening = undefined;
    this.stream?.close();
    this.stream = undefined;
  }

  /** Stop keeping the lease alive; `revoke` also deletes it (and its keys) in etcd now. */
  async close(revoke = true): Promise<void> {
    const wasAlive = this.state === 'alive';
    this.state = 'closed';
    this.stop();
    if (revoke && wasAlive) await this.client.leaseRevoke(this.id).catch(() => undefined);
  }
}
