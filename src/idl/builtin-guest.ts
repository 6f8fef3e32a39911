// The built-in guest, as xapi's "xapi-ts Tiny Linux" template and a xenopsd
// backend both know it: boot files named `builtin:<name>` in a VM's kernel and
// ramdisk paths, which the backend resolves to where its host keeps them, and
// the kernel command line the guest image is built for. Declared here, with
// the interfaces, so that the template does not reach into a backend.

/** The prefix of boot file names a backend resolves itself. */
export const BUILTIN_PREFIX = 'builtin:';

/** The small Linux guest: kernel and initrd names (in the `builtin:` namespace) and its command line. */
export const tinyLinux = {
  kernel: 'tiny-linux/vmlinux',
  initrd: 'tiny-linux/initrd',
  /**
   * The guest's kernel command line. `no_timer_check`: under a loaded TCG host the
   * kernel's check of the 8254 timer through the IO-APIC can fail and hang the boot.
   */
  cmdline: 'console=ttyS0 quiet no_timer_check',
} as const;

/** A built-in file as a VM's boot settings name it. */
export function builtinFile(name: string): string {
  return BUILTIN_PREFIX + name;
}
