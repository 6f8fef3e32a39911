// The pairs of a relation, indexed both ways. For one-to-many (VBD.VM ↔
// VM.VBDs) the single-valued side is the truth and the set side is derived
// from it; for many-to-many both sides are sets and writing either changes
// the pairs. Pairs may name objects that do not exist (yet): a ref stays
// dangling as in xapi, and an object created later picks up its pairs.
import type { RelationDecl } from '../datamodel/types.js';
import type { Ref } from './store.js';

export interface RelationEnd {
  readonly cls: string;
  readonly field: string;
}

export class RelationIndex {
  /** `one` side: the ref field of one-to-many, or a set field of many-to-many. */
  readonly src: RelationEnd;
  /** `many` side: always a set of refs. */
  readonly tgt: RelationEnd;
  readonly manyToMany: boolean;
  private readonly bySrc = new Map<Ref, Set<Ref>>();
  private readonly byTgt = new Map<Ref, Set<Ref>>();

  constructor(readonly decl: RelationDecl) {
    this.src = { cls: decl.one[0], field: decl.one[1] };
    this.tgt = { cls: decl.many[0], field: decl.many[1] };
    this.manyToMany = decl.kind === 'many-to-many';
  }

  /** Refs paired with `ref` on the given side (`src` → its targets, `tgt` → its sources). */
  peers(side: 'src' | 'tgt', ref: Ref): Ref[] {
    return [...((side === 'src' ? this.bySrc : this.byTgt).get(ref) ?? [])];
  }

  link(s: Ref, t: Ref): boolean {
    const set = this.bySrc.get(s) ?? new Set<Ref>();
    if (set.has(t)) return false;
    set.add(t);
    this.bySrc.set(s, set);
    const back = this.byTgt.get(t) ?? new Set<Ref>();
    back.add(s);
    this.byTgt.set(t, back);
    return true;
  }

  unlink(s: Ref, t: Ref): boolean {
    const set = this.bySrc.get(s);
    if (!set?.delete(t)) return false;
    if (set.size === 0) this.bySrc.delete(s);
    const back = this.byTgt.get(t);
    back?.delete(s);
    if (back?.size === 0) this.byTgt.delete(t);
    return true;
  }
}
