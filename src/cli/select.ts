// Choosing the objects a command acts on, as xe does: `vm=<name or uuid>`
// (`host=`, `sr=`), any field filters, and `--multiple` when several match.
// Templates and control domains are never picked by VM selectors unless a
// command allows them.
import { STD_PARAMS } from './argv.js';
import type { Ctx, Selectors } from './command.js';
import { CliFailure, ExitWithError } from './errors.js';
import { errorLines } from './errors.js';
import { cliClassByName, type CliClass } from './model.js';
import { fetchRecords, filterRecords, loadRefs, type Rec } from './records.js';

export interface SelectOpts {
  /** The command's own parameters, which are not filters. */
  readonly ignore: readonly string[];
  readonly includeTemplates?: boolean;
  readonly includeControl?: boolean;
}

const NOUN: Readonly<Record<Selectors, { many: string; matching: string }>> = {
  vm: { many: 'VMs', matching: 'matches VMs' },
  host: { many: 'hosts', matching: 'matching hosts' },
  sr: { many: 'SRs', matching: 'matching SRs' },
};

export async function select(
  ctx: Ctx,
  kind: Selectors,
  opts: SelectOpts,
): Promise<{ c: CliClass; recs: Rec[] }> {
  const c = cliClassByName.get(kind) as CliClass;
  let recs = await fetchRecords(ctx.api, ctx.refs, c);
  const pseudo = ctx.params.get(kind);
  if (pseudo !== undefined) {
    recs = recs.filter(
      (x) =>
        x.r['uuid'] === pseudo ||
        x.r['name_label'] === pseudo ||
        (kind === 'host' && x.r['hostname'] === pseudo),
    );
  }
  const filters: [string, string][] = [];
  if (kind === 'vm') {
    if (!opts.includeControl) filters.push(['is-control-domain', 'false']);
    if (!opts.includeTemplates) filters.push(['is-a-template', 'false']);
  }
  const ignore = new Set([...STD_PARAMS, ...opts.ignore, kind]);
  for (const [k, v] of ctx.params.list) {
    const base = k.includes(':') ? k.slice(0, k.indexOf(':')) : k;
    if (!ignore.has(base) && !ignore.has(k)) filters.push([k, v]);
  }
  await loadRefs(ctx.refs, c.fields);
  try {
    recs = filterRecords(c, recs, filters, ctx.refs);
  } catch (e) {
    if (e instanceof CliFailure && e.message.startsWith('Unknown field')) {
      const name = e.message.replace(/^Unknown field '(.*)'$/, '$1');
      throw new CliFailure(
        `Parameter '${name}' is not a field of the ${c.cls.name} class. Failed to select ${c.cls.name} for operation.`,
      );
    }
    throw e;
  }
  return { c, recs };
}

/**
 * Run `op` on the selected objects. One match runs it; none fails; several
 * need `--multiple` (unless `single`), and then every failure is reported
 * as `operation failed on <uuid>: ...` and the command exits 1.
 */
export async function forEachSelected(
  ctx: Ctx,
  kind: Selectors,
  opts: SelectOpts & { readonly single?: boolean },
  op: (rec: Rec) => Promise<void>,
): Promise<void> {
  const { recs } = await select(ctx, kind, opts);
  const noun = NOUN[kind];
  if (recs.length === 0) throw new CliFailure(`No matching ${noun.many} found`);
  if (recs.length === 1) return op(recs[0] as Rec);
  if (opts.single) {
    throw new CliFailure(
      `Multiple ${noun.matching} found. Operation can only be performed on one ${kind === 'vm' ? 'VM' : kind} at a time`,
    );
  }
  if (!ctx.params.bool('multiple')) {
    throw new CliFailure(`Multiple ${noun.matching} found. --multiple required to complete the operation`);
  }
  let failed = false;
  for (const rec of recs) {
    try {
      await op(rec);
    } catch (e) {
      failed = true;
      const msg = (await errorLines(e, ctx.refs)).join(' ');
      ctx.out.msg(`operation failed on ${String(rec.r['uuid'])}: ${msg}`);
    }
  }
  if (failed) throw new ExitWithError(1);
}

export async function loadSelectable(ctx: Ctx, kind: Selectors): Promise<void> {
  await loadRefs(ctx.refs, (cliClassByName.get(kind) as CliClass).fields);
}
