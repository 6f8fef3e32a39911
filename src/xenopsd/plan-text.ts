// A plan as indented text, one atom per line: for snapshot tests and the CLI.
import type { Atom } from './plan.js';

function args(atom: Atom): string {
  const { op: _op, ...rest } = atom as Atom & Record<string, unknown>;
  return Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

export function renderPlan(atoms: readonly Atom[], indent = ''): string {
  let out = '';
  for (const a of atoms) {
    if (a.op === 'serial' || a.op === 'parallel' || a.op === 'nested_parallel') {
      out += `${indent}${a.op} "${a.desc}"\n${renderPlan(a.atoms, `${indent}  `)}`;
    } else if (a.op === 'best_effort') {
      out += `${indent}best_effort\n${renderPlan([a.atom], `${indent}  `)}`;
    } else {
      out += `${indent}${a.op} ${args(a)}`.trimEnd() + '\n';
    }
  }
  return out;
}
