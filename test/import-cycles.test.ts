// No import cycles in src/: every module can be read, tested and moved without
// the ones that import it. The graph counts every edge, type-only imports and
// dynamic import() included (see test/support/import-graph.ts for why). The
// fixtures under test/fixtures/import-cycles/ show that the check fails on a
// cycle of each kind and passes a tree without one.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { importCycles, importGraph } from './support/import-graph.js';

const root = join(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'fixtures', 'import-cycles');
const src = importGraph(join(root, 'src'));

test('src/ has no import cycle', () => {
  const cycles = importCycles(src);
  assert.deepEqual(
    cycles.map((c) => c.witness.join(' → ')),
    [],
    `import cycles in src/ (one path shown per knot; its modules: ${cycles.map((c) => c.modules.join(', ')).join('; ')})`,
  );
});

test('the graph of src/ is read: relative imports resolve to the .ts files they name', () => {
  const graph = src;
  assert.ok((graph.get('xenopsd/server.ts') ?? []).includes('xenopsd/server-api.ts'));
  // type-only imports are edges too
  assert.ok((graph.get('xapi/context.ts') ?? []).includes('xapi/session-info.ts'));
});

test('one import back along an edge of src/ is reported as a cycle', () => {
  const graph = new Map(src);
  graph.set('xenopsd/server-api.ts', [...(graph.get('xenopsd/server-api.ts') ?? []), 'xenopsd/server.ts']);
  const cycles = importCycles(graph);
  assert.equal(cycles.length, 1);
  assert.deepEqual(cycles[0]?.modules, ['xenopsd/server-api.ts', 'xenopsd/server.ts']);
  assert.deepEqual(cycles[0]?.witness, [
    'xenopsd/server-api.ts',
    'xenopsd/server.ts',
    'xenopsd/server-api.ts',
  ]);
});

test('a cycle of value imports is found, with its path', () => {
  assert.deepEqual(importCycles(importGraph(join(fixtures, 'runtime'))), [
    { modules: ['a.ts', 'b.ts'], witness: ['a.ts', 'b.ts', 'a.ts'] },
  ]);
});

test('a cycle of type-only imports is found', () => {
  assert.deepEqual(importCycles(importGraph(join(fixtures, 'types'))), [
    { modules: ['x.ts', 'y.ts'], witness: ['x.ts', 'y.ts', 'x.ts'] },
  ]);
});

test('a cycle closed by a dynamic import() is found', () => {
  assert.deepEqual(importCycles(importGraph(join(fixtures, 'lazy'))), [
    { modules: ['p.ts', 'q.ts'], witness: ['p.ts', 'q.ts', 'p.ts'] },
  ]);
});

test('a tree without a cycle passes, and its edges are the relative imports', () => {
  const graph = importGraph(join(fixtures, 'clean'));
  assert.deepEqual(Object.fromEntries(graph), {
    'leaf.ts': [],
    'lib/index.ts': ['leaf.ts'],
    'main.ts': ['leaf.ts', 'lib/index.ts'],
  });
  assert.deepEqual(importCycles(graph), []);
});

test('the fixtures together: one knot per cyclic tree, none for the clean one', () => {
  const cycles = importCycles(importGraph(fixtures));
  assert.deepEqual(
    cycles.map((c) => c.modules),
    [
      ['lazy/p.ts', 'lazy/q.ts'],
      ['runtime/a.ts', 'runtime/b.ts'],
      ['types/x.ts', 'types/y.ts'],
    ],
  );
});
