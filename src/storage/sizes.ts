// Disk sizes: images are whole 512-byte sectors, as qemu-img makes them.
export function sectorAlign(n: number): number {
  return Math.ceil(n / 512) * 512;
}
