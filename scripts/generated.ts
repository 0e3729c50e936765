import { buildConfigSchema } from '../server/src/core/config/schema';
import { allRules } from '../server/src/core/rules';
import { markdownSnippets } from '../server/src/core/skeletons';

/** Every generated, checked-in file: path -> exact content. */
export function generatedFiles(): Record<string, string> {
  return {
    'schemas/adrift.schema.json': `${JSON.stringify(buildConfigSchema(allRules), null, 2)}\n`,
    'snippets/markdown.json': `${JSON.stringify(markdownSnippets(), null, 2)}\n`,
  };
}
