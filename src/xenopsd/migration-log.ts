// The outgoing migrations this xenopsd has in flight, persisted (a journal under
// its state directory) before anything leaves the host and cleared when the
// migration has ended either way. A record still present when xenopsd starts
// names a migration an earlier run was killed in the middle of: recovery
// (migrate-recover.ts) decides from its phase and the destination's answer
// whether the guest runs on here or there — never on both.
import { join } from 'node:path';
import { Journal } from './journal.js';

/**
 * How far the source got. `import`: the destination may hold an imported VM or a
 * domain waiting for the stream; `send`: the stream may be under way or finished
 * (the source guest may be stopped); `commit`: VM.migrate_receive_complete was
 * sent, the destination may have unpaused its copy; `committed`: it did, the
 * source domain is being cleaned up.
 */
export type OutgoingPhase = 'import' | 'send' | 'commit' | 'committed';

export interface OutgoingMigration {
  /** The VM's id here (its real id). */
  readonly vm: string;
  /** The destination xenopsd. */
  readonly url: string;
  /** The VM's id at the destination until it commits (its real id between two xenopsds). */
  readonly tmp: string;
  /** The destination is this same xenopsd (the VM travels under temporary ids). */
  readonly local: boolean;
  readonly phase: OutgoingPhase;
}

interface LogRecord {
  readonly vm: string;
  readonly migration: OutgoingMigration | null;
}

export class OutgoingMigrations {
  private readonly current = new Map<string, OutgoingMigration>();
  private readonly journal: Journal<LogRecord>;
  /** VMs whose migration an earlier run of this xenopsd left in flight (to recover). */
  private readonly leftOver = new Set<string>();

  constructor(dir: string) {
    this.journal = new Journal<LogRecord>(
      join(dir, 'migrations.journal'),
      (r) => {
        if (r.migration) this.current.set(r.vm, r.migration);
        else this.current.delete(r.vm);
      },
      () => [...this.current.values()].map((m) => ({ vm: m.vm, migration: m })),
    );
    for (const vm of this.current.keys()) this.leftOver.add(vm);
  }

  get(vm: string): OutgoingMigration | undefined {
    return this.current.get(vm);
  }

  list(): (OutgoingMigration & { interrupted: boolean })[] {
    return [...this.current.values()].map((m) => ({ ...m, interrupted: this.leftOver.has(m.vm) }));
  }

  /** The migrations left over by an earlier run, not yet resolved. */
  interrupted(): OutgoingMigration[] {
    return [...this.leftOver].flatMap((vm) => this.current.get(vm) ?? []);
  }

  isInterrupted(vm: string): boolean {
    return this.leftOver.has(vm);
  }

  /** Record a migration starting, or moving on to `phase`. */
  put(m: OutgoingMigration): void {
    this.current.set(m.vm, m);
    this.leftOver.delete(m.vm);
    this.journal.append({ vm: m.vm, migration: m });
  }

  setPhase(vm: string, phase: OutgoingPhase): void {
    const m = this.current.get(vm);
    if (m && m.phase !== phase) this.put({ ...m, phase });
  }

  clear(vm: string): void {
    this.leftOver.delete(vm);
    if (!this.current.delete(vm)) return;
    this.journal.append({ vm, migration: null });
  }

  close(): void {
    this.journal.close();
  }
}
