// References shown as xe shows them: the uuid (and name) of the object, or
// `<not in database>` for the null reference and dangling ones. Records are
// fetched a class at a time and kept for the rest of the command.
import { classByName, messagesOf } from '../datamodel/index.js';
import type { Ty } from '../datamodel/types.js';
import type { Api, WireRecord } from './api.js';

export const NOT_IN_DATABASE = '<not in database>';

export interface RefInfo {
  readonly cls: string;
  readonly uuid: string;
  readonly nameLabel?: string;
}

/** The classes of every reference a value of this type may hold. */
export function refClasses(ty: Ty, out: Set<string> = new Set()): Set<string> {
  switch (ty.kind) {
    case 'ref':
      out.add(ty.cls);
      break;
    case 'set':
    case 'option':
      refClasses(ty.of, out);
      break;
    case 'map':
      refClasses(ty.key, out);
      refClasses(ty.value, out);
      break;
    default:
      break;
  }
  return out;
}

export class RefIndex {
  private readonly byRef = new Map<string, RefInfo>();
  private readonly loaded = new Set<string>();

  constructor(private readonly api: Api) {}

  /** Remember records already fetched (the class being listed). */
  addRecords(cls: string, records: Readonly<Record<string, WireRecord>>): void {
    for (const [ref, r] of Object.entries(records)) this.addRecord(cls, ref, r);
  }

  addRecord(cls: string, ref: string, r: WireRecord): void {
    const uuid = typeof r['uuid'] === 'string' ? r['uuid'] : ref;
    const label = r['name_label'];
    this.byRef.set(ref, { cls, uuid, ...(typeof label === 'string' ? { nameLabel: label } : {}) });
  }

  /** Fetch every object of the given classes that the server can list. */
  async load(clsNames: Iterable<string>): Promise<void> {
    const todo = [...clsNames].filter((c) => !this.loaded.has(c));
    await Promise.all(
      todo.map(async (c) => {
        this.loaded.add(c);
        const cls = classByName.get(c);
        if (!cls || !messagesOf(cls).some((m) => m.name === 'get_all_records')) return;
        this.addRecords(c, await this.api.records(c));
      }),
    );
  }

  /** Look up a reference of a class that cannot be listed (or not yet loaded). */
  async resolve(cls: string, ref: string): Promise<RefInfo | undefined> {
    const known = this.byRef.get(ref);
    if (known) return known;
    if (!ref.startsWith('OpaqueRef:') || ref === 'OpaqueRef:NULL' || !classByName.has(cls)) return undefined;
    try {
      this.addRecord(cls, ref, await this.api.record(cls, ref));
    } catch {
      return undefined;
    }
    return this.byRef.get(ref);
  }

  info(ref: string): RefInfo | undefined {
    return this.byRef.get(ref);
  }

  uuid(ref: string): string {
    return this.byRef.get(ref)?.uuid ?? NOT_IN_DATABASE;
  }

  nameLabel(ref: string): string {
    return this.byRef.get(ref)?.nameLabel ?? NOT_IN_DATABASE;
  }
}
