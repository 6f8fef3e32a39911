// Port locking of bridged VIFs, planned purely: the ebtables (bridge family)
// chains and rules that make a tap pass only what its locking mode allows.
//
// Ownership (do no harm): every chain is named `xapi-ts-…`. One chain per host
// directory, `xapi-ts-<host tag>`, is jumped to from the bridge filter table's
// FORWARD and INPUT chains only for frames entering one of its interfaces
// (`-i xt<host tag>+`); in it, each filtered tap has one jump to its own chain
// `xapi-ts-<tap>`. Unlocked taps have no chain. Nothing else is touched.
//
// A tap chain is replaced in one ebtables-restore transaction (`:chain`
// creates or flushes it), so a locked tap never passes traffic while its rules change.
//
// Locked {ipv4, ipv6} (xapi: only the VIF's MAC, and its allowed addresses or
// ranges, may send; with no address allowed nothing is sent):
//  - frames whose source MAC is not the VIF's are dropped;
//  - ARP must carry the VIF's MAC as sender and an allowed IPv4 sender address;
//  - IPv4 from an allowed address passes, and, when some IPv4 is allowed, the DHCP
//    client's discover/request from 0.0.0.0 (so a guest can obtain its allowed address);
//  - IPv6 from an allowed address passes, and, when some IPv6 is allowed, neighbour
//    discovery (ICMPv6 133..136) from link-local or unspecified sources;
//  - everything else is dropped.
// Disabled: every frame is dropped (the link is also held down).
import type { LockingMode } from '../../types.js';

export type EbtablesArgs = readonly string[];

export const ownChainPrefix = 'xapi-ts-';
export const hostChain = (hostTag: string): string => `${ownChainPrefix}${hostTag}`;
export const tapChain = (tap: string): string => `${ownChainPrefix}${tap}`;
/** The interfaces of a host tag, as an ebtables wildcard. */
export const hostInterfaces = (hostTag: string): string => `xt${hostTag}+`;

/** The rules of a tap's chain for `mode`, or undefined when it needs none (Unlocked). */
export function tapRules(mac: string, mode: LockingMode): EbtablesArgs[] | undefined {
  if (mode === 'Unlocked') return undefined;
  if (mode === 'Disabled') return [['-j', 'DROP']];
  const { ipv4, ipv6 } = mode[1];
  const rules: EbtablesArgs[] = [
    ['-s', '!', mac, '-j', 'DROP'],
    ['-p', 'ARP', '--arp-mac-src', '!', mac, '-j', 'DROP'],
    ...ipv4.map((a) => ['-p', 'ARP', '--arp-ip-src', a, '-j', 'ACCEPT']),
    ['-p', 'ARP', '-j', 'DROP'],
    ...ipv4.map((a) => ['-p', 'IPv4', '--ip-src', a, '-j', 'ACCEPT']),
  ];
  if (ipv4.length > 0)
    rules.push([
      '-p',
      'IPv4',
      '--ip-src',
      '0.0.0.0',
      '--ip-proto',
      'udp',
      '--ip-sport',
      '68',
      '--ip-dport',
      '67',
      '-j',
      'ACCEPT',
    ]);
  rules.push(
    ['-p', 'IPv4', '-j', 'DROP'],
    ...ipv6.map((a) => ['-p', 'IPv6', '--ip6-src', a, '-j', 'ACCEPT']),
  );
  if (ipv6.length > 0)
    for (const src of ['fe80::/10', '::'])
      rules.push([
        '-p',
        'IPv6',
        '--ip6-src',
        src,
        '--ip6-proto',
        'ipv6-icmp',
        '--ip6-icmp-type',
        '133:136',
        '-j',
        'ACCEPT',
      ]);
  rules.push(['-p', 'IPv6', '-j', 'DROP'], ['-j', 'DROP']);
  return rules;
}

/** The ebtables-restore (--noflush) input that replaces a tap's chain with `rules`, atomically. */
export function tapChainScript(tap: string, rules: readonly EbtablesArgs[]): string {
  const chain = tapChain(tap);
  return [
    '*filter',
    `:${chain} RETURN`,
    ...rules.map((r) => `-A ${chain} ${r.join(' ')}`),
    'COMMIT',
    '',
  ].join('\n');
}

/** The jump from the host chain to a tap's chain. */
export const tapJump = (tap: string): EbtablesArgs => ['-i', tap, '-j', tapChain(tap)];

/** The jumps from the built-in chains to the host chain. */
export function hostJumps(
  hostTag: string,
): { readonly chain: 'FORWARD' | 'INPUT'; readonly rule: EbtablesArgs }[] {
  const rule = ['-i', hostInterfaces(hostTag), '-j', hostChain(hostTag)];
  return [
    { chain: 'FORWARD', rule },
    { chain: 'INPUT', rule },
  ];
}

/** Whether `ebtables -L <chain>` output holds exactly this rule (ebtables prints rules in its own order of options). */
export function listsRule(listing: string, rule: EbtablesArgs): boolean {
  const want = rule.join(' ');
  return listing.split('\n').some((l) => l.trim() === want);
}

/** The chain names of an `ebtables -L` listing. */
export function listedChains(listing: string): string[] {
  return [...listing.matchAll(/^Bridge chain: (\S+),/gm)].map((m) => m[1] as string);
}

/** The taps whose chains a host tag owns, from the chain names of a listing. */
export function ownTapChains(hostTag: string, chains: readonly string[]): string[] {
  const prefix = `${ownChainPrefix}xt${hostTag}`;
  return chains.filter((c) => c.startsWith(prefix)).map((c) => c.slice(ownChainPrefix.length));
}
