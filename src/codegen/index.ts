// Everything `npm run gen` writes, as path → content, so that a test can
// check the committed files are up to date.
import { classes, enums } from '../datamodel/index.js';
import { genActions } from './gen-actions.js';
import { genClient } from './gen-client.js';
import { genDocs } from './gen-docs.js';
import { genTypes } from './gen-types.js';

export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>([
    ['src/generated/api-types.ts', genTypes(classes, [...enums.values()])],
    ['src/xapi/generated/actions.ts', genActions(classes)],
    ['src/client/generated.ts', genClient(classes)],
  ]);
  for (const [name, text] of genDocs(classes)) files.set(`docs/api/${name}`, text);
  return files;
}
