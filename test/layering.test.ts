// The layering of xenopsd's callers: src/idl, src/xapi and src/rrdd never import
// src/xenopsd. The lint rule (eslint.config.js) says so at each import; the
// import graph checks every edge, dynamic import() included, which the rule does not see.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { importGraph } from './support/import-graph.js';

const root = join(import.meta.dirname, '..');
const callers = /^(idl|xapi|rrdd)\//;

test('no module of src/idl, src/xapi or src/rrdd imports src/xenopsd', () => {
  const offending = [...importGraph(join(root, 'src'))].flatMap(([from, tos]) =>
    callers.test(from) ? tos.filter((to) => to.startsWith('xenopsd/')).map((to) => `${from} → ${to}`) : [],
  );
  assert.deepEqual(offending, []);
});

test('the lint rule rejects such an import, type-only too, and allows it elsewhere', async () => {
  const eslint = new ESLint({ cwd: root });
  const code = "import type { Vm } from '../xenopsd/types.js';\n\nexport type X = Vm;\n";
  const rules = async (file: string): Promise<string[]> =>
    (await eslint.lintText(code, { filePath: join(root, file) })).flatMap((r) =>
      r.messages.map((m) => m.ruleId ?? ''),
    );
  for (const file of ['src/idl/x.ts', 'src/xapi/x.ts', 'src/rrdd/x.ts'])
    assert.deepEqual(await rules(file), ['no-restricted-imports'], file);
  assert.deepEqual(await rules('src/switch/x.ts'), []);
});
