// MAC addresses as xapi derives them from a VM's other_config:mac_seed
// (pure): MD5 applied 2·device + 1 times to the seed gives the first four
// bytes, one more MD5 the last two; the address is made locally administered
// and unicast. The same seed and device always give the same address.
import { createHash } from 'node:crypto';

const md5 = (b: Buffer): Buffer => createHash('md5').update(b).digest();

export function macFromSeed(seed: string, device: number): string {
  let hashed: Buffer = Buffer.from(seed, 'utf8');
  for (let i = 0; i < device * 2 + 1; i++) hashed = md5(hashed);
  const second = md5(hashed);
  const bytes = [hashed[0], hashed[1], hashed[2], hashed[3], second[1], second[2]].map((x) => x ?? 0);
  bytes[0] = ((bytes[0] ?? 0) | 0x02) & ~0x01;
  return bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Six colon-separated pairs of hex digits, as xapi accepts. */
export function isValidMac(mac: string): boolean {
  return /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(mac);
}

/** A VIF device: an unsigned decimal integer. */
export function isValidDevice(device: string): boolean {
  return /^[0-9]+$/.test(device);
}
