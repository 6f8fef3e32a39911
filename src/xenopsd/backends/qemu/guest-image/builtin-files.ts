// The files behind the built-in templates' `builtin:` boot settings, for a long-running
// xenopsd: the guest image is looked up (and built) once, not on every VM start; the
// look-up asks apt-cache for the current package versions, which costs about a second
// of CPU. It is looked up again only if its files have gone (a cache cleaned by hand).
import { existsSync } from 'node:fs';
import { tinyLinux } from '../../../../idl/builtin-guest.js';
import { ensureGuestImage, type GuestImage } from './build.js';

export type BuiltinFiles = () => Promise<Readonly<Record<string, string>>>;

export function builtinGuestFiles(ensure: () => Promise<GuestImage> = ensureGuestImage): BuiltinFiles {
  // the look-up in progress or done; concurrent starts share it, a failed one is forgotten
  let image: Promise<GuestImage> | undefined;
  const lookUp = (): Promise<GuestImage> => {
    const p = ensure();
    image = p;
    p.catch(() => {
      if (image === p) image = undefined;
    });
    return p;
  };
  return async () => {
    const current = image ?? lookUp();
    let found = await current;
    if (!existsSync(found.vmlinux) || !existsSync(found.initrd))
      found = await (image === current || image === undefined ? lookUp() : image);
    return {
      [tinyLinux.kernel]: found.vmlinux,
      // the same kernel as a bzImage, which OVMF boots when the VM's firmware is UEFI
      [`${tinyLinux.kernel}.efi`]: found.vmlinuz,
      [tinyLinux.initrd]: found.initrd,
    };
  };
}
