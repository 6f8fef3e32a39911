// Suspend to a file and resume from it, as QMP calls. QEMU 7.2 has no `file:` URI
// (8.2+), so the state goes through `exec:cat`; QEMU runs that with /bin/sh, so the path
// is shell-quoted. Suspend stops the vCPUs first: under TCG a live save of a guest busy
// in its kernel can come back corrupted (qemu.md §6), a stopped one cannot.
import { apiError } from '../../../datamodel/api-error.js';
import type { QmpCall } from './hotplug.js';

/** Unlimited in practice: QEMU's default throttles a save to ~130 MB/s. */
const MAX_BANDWIDTH = 10 * 1024 * 1024 * 1024;

const call = (execute: string, args: Record<string, unknown> = {}): QmpCall => ({ execute, arguments: args });

/** A single-quoted word for /bin/sh. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function checkPath(path: string): void {
  if (!path.startsWith('/') || /[\0\n]/.test(path))
    throw apiError('INVALID_VALUE', { field: 'suspend_image', value: path });
}

/** Enables MIGRATION events, so the caller can wait for status `completed` or `failed`. */
export const migrationEvents = call('migrate-set-capabilities', {
  capabilities: [{ capability: 'events', state: true }],
});

/** Source side: stop, then write the whole state to `path`. The VM ends in `postmigrate`. */
export function suspendToFile(path: string): QmpCall[] {
  checkPath(path);
  return [
    migrationEvents,
    call('migrate-set-parameters', { 'max-bandwidth': MAX_BANDWIDTH }),
    call('stop'),
    call('migrate', { uri: `exec:cat > ${shellQuote(path)}` }),
  ];
}

/** Destination side, on a QEMU started with VmConfig.incoming: read the state from `path`. */
export function resumeFromFile(path: string): QmpCall[] {
  checkPath(path);
  return [migrationEvents, call('migrate-incoming', { uri: `exec:cat ${shellQuote(path)}` })];
}

/** Whether a MIGRATION event's status ends the migration, and how. */
export function migrationOutcome(status: unknown): 'completed' | 'failed' | undefined {
  if (status === 'completed') return 'completed';
  if (status === 'failed' || status === 'cancelled') return 'failed';
  return undefined;
}
