// How a VIF reaches its network under the QEMU backend, decided purely: the names
// of the Linux bridge and tap xenopsd makes for it, whether it gets one at all
// (else QEMU's user-mode network), and the `ip` commands that make and unmake them.
// Every interface xenopsd creates carries the `xt<host tag>` prefix, so it is
// recognisable and never mistaken for (or collides with) one of the host's own.
import { createHash } from 'node:crypto';

/** Linux's IFNAMSIZ less the terminating NUL. */
export const IFNAME_MAX = 15;

/**
 * The bridge of xapi's default network ("xapi-ts0") and xenopsd's default VIF
 * bridge ("xenbr0", on Xen the bridge of the first physical NIC): guests there
 * expect an address and a way out, which QEMU's user-mode NAT gives them (DHCP,
 * 10.0.2.15) and an isolated host bridge would not. Other networks are bridges.
 */
export const DEFAULT_NAT_NETWORKS: readonly string[] = ['xapi-ts0', 'xenbr0'];

/** 4 hex digits naming this host directory's interfaces (and no other host directory's). */
export function hostTagOf(hostDir: string): string {
  return createHash('sha1').update(`qemu-net:${hostDir}`).digest('hex').slice(0, 4);
}

const short = (s: string, n: number): string => createHash('sha1').update(s).digest('hex').slice(0, n);

/** The tap of VIF `devid` of domain `domid`, Xen's `vifD.N` behind the host prefix. */
export function tapName(hostTag: string, domid: number, devid: number): string {
  const plain = `xt${hostTag}v${domid}.${devid}`;
  return plain.length <= IFNAME_MAX ? plain : `xt${hostTag}v${short(`${domid}.${devid}`, 8)}`;
}

/** The Linux bridge realising the XenAPI network bridge `network` (its name kept when it fits). */
export function bridgeName(hostTag: string, network: string): string {
  const prefix = `xt${hostTag}b`;
  return /^[A-Za-z0-9_-]+$/.test(network) && prefix.length + network.length <= IFNAME_MAX
    ? `${prefix}${network}`
    : `${prefix}${short(network, IFNAME_MAX - prefix.length)}`;
}

/** Whether a name is one of the interfaces of this host tag (tap or bridge). */
export function ownsName(hostTag: string, ifname: string): boolean {
  return ifname.startsWith(`xt${hostTag}`) && ifname.length <= IFNAME_MAX;
}

export type NetMode =
  | { readonly kind: 'bridge'; readonly bridge: string; readonly tap: string }
  | { readonly kind: 'user'; readonly reason: string };

export interface NetPolicy {
  readonly hostTag: string;
  /** Why taps cannot be made here, or undefined when they can. */
  readonly noBridging?: string | undefined;
  /** XenAPI bridges served by user-mode NAT instead of a host bridge. */
  readonly natNetworks: readonly string[];
  /** The host's interfaces (that xenopsd did not make). */
  readonly hostInterfaces: ReadonlySet<string>;
}

/** The way VIF `devid` of domain `domid` on XenAPI bridge `network` is connected. */
export function netModeOf(policy: NetPolicy, network: string, domid: number, devid: number): NetMode {
  if (network === '') return { kind: 'user', reason: 'the network has no bridge name' };
  if (policy.natNetworks.includes(network))
    return { kind: 'user', reason: `network ${network} is served by user-mode NAT` };
  if (policy.hostInterfaces.has(network))
    return { kind: 'user', reason: `${network} is a host interface, which xenopsd does not bridge` };
  if (policy.noBridging !== undefined) return { kind: 'user', reason: policy.noBridging };
  return {
    kind: 'bridge',
    bridge: bridgeName(policy.hostTag, network),
    tap: tapName(policy.hostTag, domid, devid),
  };
}

/** The MAC of the host side of a tap, as Xen gives its vifs (the guest has the real one). */
export const HOST_SIDE_MAC = 'fe:ff:ff:ff:ff:ff';

export type IpCommand = readonly string[];

export function bridgeCreate(bridge: string): IpCommand[] {
  return [
    ['link', 'add', 'name', bridge, 'type', 'bridge'],
    ['link', 'set', 'dev', bridge, 'up'],
  ];
}

export function bridgeDelete(bridge: string): IpCommand[] {
  return [['link', 'del', 'dev', bridge]];
}

/** A persistent tap for QEMU to open, on `bridge`, with the VIF's MTU and carrier. */
export function tapCreate(tap: string, bridge: string, mtu: number, carrier: boolean): IpCommand[] {
  return [
    ['tuntap', 'add', 'dev', tap, 'mode', 'tap'],
    ['link', 'set', 'dev', tap, 'address', HOST_SIDE_MAC, 'mtu', String(mtu), 'master', bridge],
    ['link', 'set', 'dev', tap, carrier ? 'up' : 'down'],
  ];
}

export function tapDelete(tap: string): IpCommand[] {
  return [['link', 'del', 'dev', tap]];
}

/** A tap onto another bridge (VIF.move): QEMU keeps its file descriptor, the guest notices nothing. */
export function tapMove(tap: string, bridge: string): IpCommand[] {
  return [['link', 'set', 'dev', tap, 'master', bridge]];
}

export function tapCarrier(tap: string, carrier: boolean): IpCommand[] {
  return [['link', 'set', 'dev', tap, carrier ? 'up' : 'down']];
}

/** A VIF's MTU, checked: Ethernet's minimum to a jumbo frame's maximum. */
export function validMtu(mtu: number): boolean {
  return Number.isInteger(mtu) && mtu >= 68 && mtu <= 9000;
}
