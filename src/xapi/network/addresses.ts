// IP address and CIDR checks as xapi makes them for VIF locking and the static
// addresses of VIF.configure_ipv4/6, with xapi's error codes.
import { isIPv4, isIPv6 } from 'node:net';
import { apiError } from '../../datamodel/api-error.js';

export type IpKind = 'ipv4' | 'ipv6';

export const isValidIp = (kind: IpKind, s: string): boolean => (kind === 'ipv4' ? isIPv4(s) : isIPv6(s));

/** `<addr>/<prefix length>` split, or undefined when it is not a CIDR of that family. */
export function parseCidr(kind: IpKind, s: string): { address: string; prefix: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const address = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const max = kind === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max || !isValidIp(kind, address)) return undefined;
  return { address, prefix: Number(bits) };
}

/** An address or a CIDR range (what VIF.ipv4_allowed / ipv6_allowed may hold). */
export function assertIpOrCidr(kind: IpKind, field: string, s: string): void {
  if (!isValidIp(kind, s) && !parseCidr(kind, s))
    throw apiError('INVALID_IP_ADDRESS_SPECIFIED', { parameter: field });
}

export function assertIp(kind: IpKind, field: string, s: string): void {
  if (!isValidIp(kind, s)) throw apiError('INVALID_IP_ADDRESS_SPECIFIED', { parameter: field });
}

export function assertCidr(kind: IpKind, field: string, s: string): void {
  if (!parseCidr(kind, s)) throw apiError('INVALID_CIDR_ADDRESS_SPECIFIED', { parameter: field });
}
