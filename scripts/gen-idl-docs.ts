// Writes the Markdown reference of every internal interface to docs/idl/.
// Add an interface here when you declare one; `--check` fails if the files are stale.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docFiles } from '../src/idl/docs.js';
import type { AnyInterface } from '../src/idl/interface.js';
import { Xenops } from '../src/idl/xenops.js';
import { Rrd } from '../src/idl/rrd.js';

export const interfaces: readonly AnyInterface[] = [Xenops, Rrd];

const dir = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'idl');
const files = docFiles(interfaces);
if (process.argv.includes('--check')) {
  const stale = [...files].filter(
    ([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), 'utf8') !== text,
  );
  const extra = existsSync(dir) ? readdirSync(dir).filter((f) => !files.has(f)) : [];
  if (stale.length || extra.length) {
    process.stderr.write(
      `docs/idl is stale: ${[...stale.map(([n]) => n), ...extra].join(', ')}; run node --import tsx scripts/gen-idl-docs.ts\n`,
    );
    process.exit(1);
  }
} else {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (!files.has(f)) rmSync(join(dir, f));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
}
