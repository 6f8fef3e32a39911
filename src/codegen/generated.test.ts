import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from './index.js';
import { REPO_ROOT } from '../common/config.js';
import { formatGenerated } from './format.js';

test('the committed generated files match the datamodel (run `npm run gen`)', async () => {
  for (const [path, text] of generatedFiles()) {
    const full = join(REPO_ROOT, path);
    const want = await formatGenerated(full, text);
    let have = '';
    try {
      have = readFileSync(full, 'utf8');
    } catch {
      assert.fail(`${path} is missing: run npm run gen`);
    }
    assert.ok(have === want, `${path} is out of date: run npm run gen`);
  }
});
