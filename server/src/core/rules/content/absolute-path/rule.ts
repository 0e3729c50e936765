import { code } from '../../../messages';
import { insideAny, metadataSpans } from '../../../regions';
import type { Rule } from '../../../rule';
import type { Fix } from '../../../types';

/**
 * A user's home folder on Linux, macOS or Windows, followed by the rest of the
 * path. Placeholders (`/home/<user>`, `/home/$USER`, `/Users/{name}`) and the
 * shared macOS folder are not machine-specific.
 */
const HOME_PATH =
  /(?<![\w.~/\\-])(?:(\/home\/|\/Users\/)(?![<${]|Shared\b)[A-Za-z0-9._-]+|[A-Za-z]:[\\/](?:Users|Documents and Settings)[\\/](?![<${%])[^\\/\s`'"<>|]+)(?:[\\/][^\s`'"<>|()[\]{}]*)?/g;

export const contentAbsolutePath: Rule = {
  id: 'content/absolute-path',
  description: 'Docs must not contain machine-specific absolute paths (`/home/<user>/...`, `/Users/<name>/...`, `C:\\Users\\...`).',
  defaultSeverity: 'warning',
  check(ctx) {
    const quiet = metadataSpans(ctx.doc);
    for (const match of ctx.doc.text.matchAll(HOME_PATH)) {
      const from = match.index;
      const path = match[0].replace(/[.,;:!?]+$/, '');
      const to = from + path.length;
      if (insideAny(quiet, from, to)) continue;
      const home = /^(\/home\/|\/Users\/)[^/]+/.exec(path);
      const fixes: Fix[] = home
        ? [{
            title: `Replace ${home[0]} with ~`,
            safe: false,
            changes: [{ kind: 'edit', path: ctx.doc.path, edits: [{ range: ctx.doc.lines.range(from, from + home[0].length), newText: '~' }] }],
          }]
        : [];
      ctx.report({
        range: ctx.doc.lines.range(from, to),
        message: `Machine-specific path ${code(path)} works on one machine only; use a path relative to the repository root (or ${code('~')} / ${code('$HOME')}).`,
        fixes,
      });
    }
  },
};
