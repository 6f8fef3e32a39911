// The type check catches mistakes on store rows: each fixture under
// test/fixtures/store-types is compiled with the project's options, and the
// errors must be exactly those its `// TS<code>` comments announce, on those
// lines. The fixtures are excluded from the project's own type check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../common/config.js';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'store-types');

function compilerOptions(): ts.CompilerOptions {
  const path = join(REPO_ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(path, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, REPO_ROOT).options;
}

/** `line:TScode` for each announced error (1-based lines). */
function announced(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/\/\/ TS(\d+)\b/g)) out.push(`${i + 1}:TS${m[1]}`);
  });
  return out;
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .sort();

test('the store-type fixtures are excluded from the project type check', () => {
  const read = ts.readConfigFile(join(REPO_ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const files = ts.parseJsonConfigFileContent(read.config, ts.sys, REPO_ROOT).fileNames;
  assert.ok(files.some((f) => f.endsWith('src/xapi/store.ts')));
  assert.deepEqual(
    files.filter((f) => f.startsWith(DIR)),
    [],
  );
});

test('a misspelled field or a wrong type on a store row fails the type check', () => {
  assert.ok(fixtures.includes('well-typed.ts'));
  const program = ts.createProgram(
    fixtures.map((f) => join(DIR, f)),
    compilerOptions(),
  );
  for (const name of fixtures) {
    const path = join(DIR, name);
    const source = program.getSourceFile(path);
    assert.ok(source, name);
    const got = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `${source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}:TS${d.code}`,
    );
    const want = announced(readFileSync(path, 'utf8'));
    if (name === 'well-typed.ts') assert.deepEqual(want, [], 'the well-typed fixture announces no errors');
    else assert.ok(want.length > 0, `${name} announces the errors it expects`);
    assert.deepEqual(got.sort(), want.sort(), name);
  }
  // The fixtures' imports themselves compile.
  assert.deepEqual(
    program.getGlobalDiagnostics().map((d) => d.code),
    [],
  );
});
