// Finding QEMU and firmware on this host (Debian paths), for HostCaps.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const QEMU_BINARY_NAME = 'qemu-system-x86_64';

/** Debian's `ovmf` package: 4 MiB flash images. */
export const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
export const OVMF_VARS_TEMPLATE = '/usr/share/OVMF/OVMF_VARS_4M.fd';

/** The QEMU binary on PATH, or undefined when it is not installed. */
export function findQemu(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, QEMU_BINARY_NAME);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function findOvmf(): { ovmfCode: string; ovmfVarsTemplate: string } | undefined {
  return existsSync(OVMF_CODE) && existsSync(OVMF_VARS_TEMPLATE)
    ? { ovmfCode: OVMF_CODE, ovmfVarsTemplate: OVMF_VARS_TEMPLATE }
    : undefined;
}
