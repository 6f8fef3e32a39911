// The QEMU backend's networks: per VIF, a tap on a Linux bridge for its XenAPI
// network where the host allows it (net-plan.ts decides, host-net.ts does), and
// QEMU's user-mode network otherwise.
import type { NicBackend, NicConfig } from './config.js';
import type { DomainRecord, VifRecord } from './domains.js';
import { HostNetwork, interfaceExists, listInterfaces, probeBridging } from './host-net.js';
import { probeFilter, VifFilter, type FilteredTap } from './vif-filter.js';
import type { LockingMode } from '../../types.js';
import { DEFAULT_NAT_NETWORKS, hostTagOf, netModeOf, ownsName, validMtu, type NetMode } from './net-plan.js';
import { apiError } from '../../../datamodel/api-error.js';

export interface NetOptions {
  /** XenAPI bridges served by QEMU's user-mode NAT (default: xapi's default network). */
  readonly natNetworks?: readonly string[];
  /** false: every VIF uses user-mode networking, even where taps could be made. */
  readonly bridging?: boolean;
}

/** The QEMU-side backend of a VIF as recorded. */
export function nicBackendOf(v: Pick<VifRecord, 'tap' | 'bridge'>): NicBackend {
  return v.tap !== undefined && v.bridge !== undefined
    ? { kind: 'bridge', bridge: v.bridge, tap: v.tap }
    : { kind: 'user', restrict: true };
}

export function nicOf(v: VifRecord): NicConfig {
  return {
    devid: v.position,
    mac: v.mac,
    backend: nicBackendOf(v),
    ...(v.tap !== undefined && v.mtu !== undefined ? { mtu: v.mtu } : {}),
  };
}

/** A NIC of a saved QEMU's config, on the tap (or user network) of the resumed domain's VIF. */
export function restoredNic(d: DomainRecord, n: NicConfig): NicConfig {
  const v = Object.values(d.vifs).find((x) => x.position === n.devid);
  return v ? { ...nicOf(v), mac: n.mac } : { ...n, backend: { kind: 'user', restrict: true } };
}

export class QemuNetwork {
  private readonly filter: VifFilter;

  private constructor(
    readonly hostTag: string,
    readonly noBridging: string | undefined,
    /** Why bridged VIFs cannot be locked here (no packet filter), or undefined when they can. */
    readonly noFilter: string | undefined,
    readonly natNetworks: readonly string[],
    private readonly host: HostNetwork,
  ) {
    this.filter = new VifFilter(hostTag);
  }

  static async init(hostDir: string, instanceTag: string, opts: NetOptions): Promise<QemuNetwork> {
    const hostTag = hostTagOf(hostDir);
    const noBridging = opts.bridging === false ? 'bridging is turned off' : await probeBridging(hostTag);
    const noFilter = noBridging === undefined ? await probeFilter() : 'no bridged VIFs';
    return new QemuNetwork(
      hostTag,
      noBridging,
      noFilter,
      opts.natNetworks ?? DEFAULT_NAT_NETWORKS,
      new HostNetwork(hostDir, hostTag, instanceTag),
    );
  }

  /**
   * Refuses a locking mode this VIF's host side cannot enforce: Locked needs a tap
   * on a bridge and the packet filter (Disabled is also the link held down).
   */
  checkLocking(bridged: boolean, mode: LockingMode): void {
    if (!Array.isArray(mode)) return;
    const reason = !bridged
      ? "the VIF is on QEMU's user-mode network, which has no host port to filter"
      : this.noFilter;
    if (reason !== undefined)
      throw apiError('VALUE_NOT_SUPPORTED', { field: 'VIF.locking_mode', value: 'locked', reason });
  }

  /** Puts the VIF's tap under the packet filter its locking mode needs (none for Unlocked). */
  async applyLocking(v: Pick<VifRecord, 'tap' | 'mac'>, mode: LockingMode): Promise<void> {
    this.checkLocking(v.tap !== undefined, mode);
    const tap = v.tap;
    if (tap === undefined || this.noFilter !== undefined) return;
    await this.host.withLock(() => this.filter.apply({ tap, mac: v.mac, mode }));
  }

  modeOf(network: string, domid: number, devid: number): NetMode {
    const hostInterfaces = new Set(listInterfaces().filter((n) => !ownsName(this.hostTag, n)));
    return netModeOf(
      { hostTag: this.hostTag, noBridging: this.noBridging, natNetworks: this.natNetworks, hostInterfaces },
      network,
      domid,
      devid,
    );
  }

  /** Makes the host side of a VIF; returns what to record on it. */
  async connect(
    d: DomainRecord,
    network: string,
    devid: number,
    mtu: number,
    carrier: boolean,
  ): Promise<Pick<VifRecord, 'tap' | 'bridge' | 'mtu'>> {
    const mode = this.modeOf(network, d.domid, devid);
    if (mode.kind === 'user') return {};
    if (!validMtu(mtu)) throw apiError('INVALID_VALUE', { field: 'VIF.MTU', value: String(mtu) });
    await this.host.addTap(mode.tap, mode.bridge, d.vm, mtu, carrier);
    return { tap: mode.tap, bridge: mode.bridge, mtu };
  }

  async disconnect(v: VifRecord): Promise<void> {
    const tap = v.tap;
    if (tap === undefined) return;
    if (this.noFilter === undefined) await this.host.withLock(() => this.filter.remove(tap));
    await this.host.removeTap(tap);
  }

  /**
   * The host side of a plugged VIF onto another XenAPI network. Between two bridges
   * the tap changes bridge (QEMU and the guest notice nothing); undefined when the
   * move needs a new NIC backend (to or from user-mode networking) instead.
   */
  async move(d: DomainRecord, v: VifRecord, network: string): Promise<Pick<VifRecord, 'bridge'> | undefined> {
    const mode = this.modeOf(network, d.domid, v.position);
    if (v.tap === undefined) return mode.kind === 'user' ? {} : undefined;
    if (mode.kind === 'user' || mode.tap !== v.tap) return undefined;
    await this.host.moveTap(v.tap, mode.bridge);
    return { bridge: mode.bridge };
  }

  async setCarrier(v: VifRecord, carrier: boolean): Promise<void> {
    if (v.tap !== undefined) await this.host.setCarrier(v.tap, carrier);
  }

  /** After a restart: this instance's taps no domain uses are deleted, and bridges left empty. */
  async sweep(all: Iterable<DomainRecord>): Promise<void> {
    const domains = [...all];
    const inUse = new Set<string>();
    for (const d of domains) for (const v of Object.values(d.vifs)) if (v.tap) inUse.add(v.tap);
    await this.host.sweep(inUse);
    if (this.noFilter !== undefined) return;
    const keep: FilteredTap[] = [];
    for (const d of domains)
      for (const v of Object.values(d.vifs))
        if (v.tap) keep.push({ tap: v.tap, mac: v.mac, mode: v.locking_mode });
    await this.host.withLock(() => this.filter.sweep(keep, interfaceExists));
  }

  /** How HOST.stat describes VIF networking here. */
  describe(): string {
    const nat = `user-mode NAT for ${this.natNetworks.join(', ') || 'no network'}`;
    const lock = this.noFilter === undefined ? 'locking with ebtables' : `no locking: ${this.noFilter}`;
    return this.noBridging === undefined
      ? `tap on a Linux bridge per network (${nat}; ${lock})`
      : `user-mode only (${this.noBridging})`;
  }
}

/**
 * NetOptions from the environment: XAPI_TS_QEMU_NAT_NETWORKS (comma-separated XenAPI
 * bridges served by user-mode NAT; empty: none) and XAPI_TS_QEMU_BRIDGING=0 (no taps).
 */
export function netOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): NetOptions {
  const nat = env['XAPI_TS_QEMU_NAT_NETWORKS'];
  return {
    ...(nat !== undefined
      ? {
          natNetworks: nat
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(env['XAPI_TS_QEMU_BRIDGING'] === '0' ? { bridging: false } : {}),
  };
}
