// The simulated guest: how a domain reacts to shutdown requests, and the
// statistics it would produce. Pure functions of the domain record and time.
import type { ShutdownRequest, VmStats } from '../../types.js';
import type { Domain, ShutdownReason } from './hypervisor.js';

export function reasonOf(request: ShutdownRequest): ShutdownReason {
  switch (request) {
    case 'Halt':
      return 'halt';
    case 'PowerOff':
      return 'poweroff';
    case 'Reboot':
      return 'reboot';
    case 'Suspend':
      return 'suspend';
  }
}

/** A guest acknowledges a request only if it is running, built and cooperative. */
export function guestWillAcknowledge(d: Domain): boolean {
  return (
    d.domid !== null &&
    d.built &&
    !d.paused &&
    !d.migratingOut &&
    d.shutdown === undefined &&
    d.guest === 'cooperative'
  );
}

/** A small deterministic hash so each VM gets its own, stable, load profile. */
function seedOf(uuid: string): number {
  let h = 2166136261;
  for (let i = 0; i < uuid.length; i++) h = Math.imul(h ^ uuid.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

/** Plausible counters: they grow with uptime at a per-VM rate, like a lightly loaded guest. */
export function statsOf(d: Domain, now: number): VmStats | undefined {
  if (d.domid === null || !d.built) return undefined;
  const uptimeS = Math.max(0, (now - d.createTime) / 1000);
  const seed = seedOf(d.uuid);
  const busy = (i: number): number => 0.02 + 0.25 * ((seed * (i + 7)) % 1);
  const running = !d.paused && !d.migratingOut && d.shutdown === undefined;
  return {
    vm: d.uuid,
    domid: d.domid,
    vcpu_time_ns: Array.from({ length: d.vcpus }, (_, i) =>
      Math.round(uptimeS * 1e9 * (running ? busy(i) : 0)),
    ),
    memory_actual: d.memoryDynamicMax,
    memory_internal_free: Math.round(d.memoryDynamicMax * (0.2 + 0.5 * seed)),
    vbds: Object.keys(d.vbds)
      .sort()
      .map((name, i) => {
        const reads = uptimeS * (20 + 200 * ((seed * (i + 3)) % 1));
        const writes = uptimeS * (5 + 80 * ((seed * (i + 5)) % 1));
        // 4 KiB requests
        return {
          name,
          read_bytes: Math.round(reads * 4096),
          write_bytes: Math.round(writes * 4096),
          read_reqs: Math.round(reads),
          write_reqs: Math.round(writes),
        };
      }),
    vifs: Object.keys(d.vifs)
      .sort()
      .map((name, i) => ({
        name,
        rx_bytes: Math.round(uptimeS * 1500 * (10 + 100 * ((seed * (i + 11)) % 1))),
        tx_bytes: Math.round(uptimeS * 1500 * (5 + 50 * ((seed * (i + 13)) % 1))),
      })),
  };
}

/** How many of the latest SysRq keys and triggers a simulated domain keeps. */
export const SIGNALS_KEPT = 16;

/**
 * What the simulated guest (a Linux kernel) does with a SysRq key or a
 * hardware trigger: the kernel handles these itself, agent or not. SysRq `b`
 * reboots at once, `o` powers off, `c` crashes; a reset trigger reboots the
 * machine; the ACPI power button asks the guest to power off, which only a
 * cooperative guest does. Everything else (an NMI, the sleep button of a
 * guest without S3, ...) is only logged by the guest.
 */
export function guestReaction(
  d: Domain,
  signal: { readonly sysrq: string } | { readonly trigger: string },
): { readonly reason: ShutdownReason; readonly acknowledged: boolean } | undefined {
  if ('sysrq' in signal) {
    if (signal.sysrq === 'b') return { reason: 'reboot', acknowledged: false };
    if (signal.sysrq === 'o') return { reason: 'poweroff', acknowledged: false };
    if (signal.sysrq === 'c') return { reason: 'crash', acknowledged: false };
    return undefined;
  }
  if (signal.trigger === 'reset') return { reason: 'reboot', acknowledged: false };
  if (signal.trigger === 'power' && d.guest === 'cooperative')
    return { reason: 'poweroff', acknowledged: true };
  return undefined;
}
