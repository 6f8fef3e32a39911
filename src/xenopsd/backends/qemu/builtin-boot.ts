// The built-in templates' boot files (`builtin:<name>` in a VM's kernel and ramdisk
// paths), resolved to where this host keeps them.
import { apiError } from '../../../datamodel/api-error.js';
import { BUILTIN_PREFIX } from '../../../idl/builtin-guest.js';
import type { Vm } from '../../types.js';
import type { DirectBoot } from './vm-config.js';
import type { BuiltinFiles } from './guest-image/builtin-files.js';

/**
 * A VM's own direct boot with `builtin:` files resolved; undefined when it has none.
 * Under UEFI a kernel's `<name>.efi` form is preferred (OVMF boots no PVH vmlinux).
 */
export async function builtinBoot(
  vm: Vm,
  files: BuiltinFiles | undefined,
  uefi: boolean,
): Promise<DirectBoot | undefined> {
  const [kind, info] = vm.ty;
  if (kind === 'HVM' || !files || info.boot[0] !== 'Direct') return undefined;
  const b = info.boot[1];
  const named = [b.kernel, b.ramdisk ?? ''].filter((p) => p.startsWith(BUILTIN_PREFIX));
  if (named.length === 0) return undefined;
  const table = await files();
  const resolve = (p: string): string => {
    if (!p.startsWith(BUILTIN_PREFIX)) return p;
    const name = p.slice(BUILTIN_PREFIX.length);
    const f = (uefi && p === b.kernel ? table[`${name}.efi`] : undefined) ?? table[name];
    if (!f)
      throw apiError('VALUE_NOT_SUPPORTED', {
        field: 'PV_kernel',
        value: p,
        reason: 'no such built-in file',
      });
    return f;
  };
  return {
    kernel: resolve(b.kernel),
    cmdline: b.cmdline,
    ...(b.ramdisk ? { initrd: resolve(b.ramdisk) } : {}),
  };
}
