import type { Rule } from '../../../rule';

export const frontmatterYaml: Rule = {
  id: 'frontmatter/yaml',
  description: 'YAML front matter must parse; a broken block hides the document’s metadata from every other check.',
  defaultSeverity: 'error',
  check(ctx) {
    const error = ctx.doc.frontMatter?.error;
    if (error) ctx.report({ range: error.range, message: `Front matter is not valid YAML: ${error.message}.` });
  },
};
