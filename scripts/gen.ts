/**
 * Writes the generated files that are checked in: the config JSON Schema
 * (from the rules' option schemas and the config sections) and whatever else
 * registers in `generatedFiles`. `npm run gen` writes them; a test fails when
 * a checked-in copy is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generatedFiles } from './generated';

for (const [path, content] of Object.entries(generatedFiles())) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
