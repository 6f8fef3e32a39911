// What the executor and the atoms it delegates (disk switches, migration steps)
// work with: the backend, the metadata, UPDATES and the daemon's services. Its
// own module, so that those atoms depend on it and not on the executor that calls them.
import type { GuestEvents } from './guest-events.js';
import type { Backend } from './backends/api.js';
import type { HookRunner } from './hooks.js';
import type { MetadataStore } from './metadata.js';
import type { OutgoingMigrations } from './migration-log.js';
import type { DeviceKind } from './plan.js';
import type { Semaphore } from './queues.js';
import type { RemoteResolver } from './remote.js';
import type { DeviceId, Metadata } from './types.js';
import type { Updates } from './updates.js';

export interface ExecContext {
  readonly backend: Backend;
  readonly db: MetadataStore;
  readonly updates: Updates;
  readonly hooks: HookRunner;
  readonly remote: RemoteResolver;
  readonly parallel: Semaphore;
  readonly nested: Semaphore;
  exportMetadata(vm: string): Promise<Metadata>;
  /** Where this xenopsd's backend listens for incoming migrations (an IP address). */
  readonly migrationAddress: string;
  /** This xenopsd's instance id (as `query` reports it). */
  readonly instanceId: string;
  /** The outgoing migrations in flight, persisted (what a restart recovers). */
  readonly outgoing: OutgoingMigrations;
  /** Queue a check-state of VM `vm` after `ms` (a held migration's next try). */
  recheck(vm: string, ms: number): void;
  /** Work pushed for VM `alias` joins the queue of VM `tag` (a migration's temporary ids). */
  alias(tag: string, alias: string): void;
  /** The shutdowns guests asked for by themselves, as VM.stat reports them. */
  readonly guestEvents: GuestEvents;
}

export const dynamicTag = { VBD: 'Vbd', VIF: 'Vif', PCI: 'Pci' } as const;

export function signalDevice(updates: Updates, kind: DeviceKind, id: DeviceId): void {
  updates.add([dynamicTag[kind], id]);
}
