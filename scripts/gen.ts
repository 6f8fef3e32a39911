// `npm run gen`: regenerate every file derived from the datamodel.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from '../src/codegen/index.js';
import { REPO_ROOT } from '../src/common/config.js';
import { formatGenerated } from '../src/codegen/format.js';

for (const [path, text] of generatedFiles()) {
  const full = join(REPO_ROOT, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, await formatGenerated(full, text));
  process.stdout.write(`wrote ${path}\n`);
}
