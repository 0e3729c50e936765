import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generatedFiles } from '../scripts/generated';

describe('generated files are current', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} matches what \`npm run gen\` writes`, () => {
      assert.equal(readFileSync(path, 'utf8'), content, `${path} is stale: run \`npm run gen\``);
    });
  }
});
