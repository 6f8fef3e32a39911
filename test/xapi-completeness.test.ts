// The XenAPI classes of the core are complete against the reference
// (shared/reference/xenapi.json): every message the reference lists for them
// is declared, or excluded in the one exclusion registry
// (src/datamodel/exclusions.ts) with the feature area it waits for. The
// signatures of what is declared are checked by src/datamodel/conformance.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classByName, messagesOf, tyToString } from '../src/datamodel/index.js';
import { EXCLUDED_MESSAGES } from '../src/datamodel/exclusions.js';

interface RefClass {
  name: string;
  messages: { name: string; params: { name: string; type: string }[]; result: [string, string] }[];
}

/** The classes the completeness promise covers. */
const COVERED = [
  'VM',
  'VBD',
  'VIF',
  'VDI',
  'SR',
  'PBD',
  'network',
  'PIF',
  'host',
  'pool',
  'task',
  'session',
  'event',
  'message',
  'blob',
  'secret',
  'console',
  'user',
  'subject',
  'role',
  // the metrics classes
  'VM_metrics',
  'VM_guest_metrics',
  'host_metrics',
  'host_cpu',
  'PIF_metrics',
  'VBD_metrics',
  'VIF_metrics',
];

function referencePath(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  for (let dir = resolve(repoRoot, '..'); ; dir = dirname(dir)) {
    const p = join(dir, 'shared/reference/xenapi.json');
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`xenapi.json not found in shared/reference/ above ${repoRoot}`);
}

const reference = JSON.parse(readFileSync(referencePath(), 'utf8')) as RefClass[];
const refByName = new Map(reference.map((c) => [c.name, c]));

/** Wire name → declared message, for the covered classes. */
function declared(): Map<string, { params: string[]; result: string }> {
  const out = new Map<string, { params: string[]; result: string }>();
  for (const name of COVERED) {
    const cls = classByName.get(name);
    if (!cls) continue;
    for (const m of messagesOf(cls)) {
      out.set(`${name}.${m.name}`, {
        params: m.params.map((p) => `${p.name}: ${tyToString(p.ty)}`),
        result: tyToString(m.result),
      });
    }
  }
  return out;
}

test('every covered class is in the reference', () => {
  for (const name of COVERED) assert.ok(refByName.has(name), name);
});

test('every message of the covered classes in the reference is declared or excluded with a reason', () => {
  const ours = declared();
  const missing: string[] = [];
  for (const name of COVERED) {
    for (const m of refByName.get(name)?.messages ?? []) {
      const wire = `${name}.${m.name}`;
      if (!ours.has(wire) && !EXCLUDED_MESSAGES.has(wire)) missing.push(wire);
    }
  }
  assert.deepEqual(missing, []);
});

test('the exclusion registry names only real, undeclared messages of the covered classes, each with a reason', () => {
  const ours = declared();
  const inReference = new Set(
    COVERED.flatMap((name) => (refByName.get(name)?.messages ?? []).map((m) => `${name}.${m.name}`)),
  );
  const problems: string[] = [];
  for (const [wire, why] of EXCLUDED_MESSAGES) {
    if (ours.has(wire)) problems.push(`${wire} is declared: its exclusion is stale`);
    if (!inReference.has(wire)) problems.push(`${wire} is not a message of a covered class in the reference`);
    if (why.reason.trim() === '') problems.push(`${wire} has no reason`);
  }
  assert.deepEqual(problems, []);
});

test('declared messages of the covered classes have the signatures of the reference', () => {
  const problems: string[] = [];
  for (const [wire, m] of declared()) {
    const [cls = '', name] = wire.split('.');
    const r = refByName.get(cls)?.messages.find((x) => x.name === name);
    if (!r) continue; // hidden messages and xapi-ts extensions (conformance.test.ts checks those)
    const params = r.params.filter((p) => p.name !== 'session_id').map((p) => `${p.name}: ${p.type}`);
    if (JSON.stringify(params) !== JSON.stringify(m.params)) problems.push(`${wire} parameters`);
    if (wire !== 'event.from' && r.result[0] !== m.result)
      problems.push(`${wire} result ${m.result} ≠ ${r.result[0]}`);
  }
  assert.deepEqual(problems, []);
});
