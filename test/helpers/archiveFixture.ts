import { applyTextEdits } from '../../server/src/core/fixes';
import { splitBom } from '../../server/src/core/text';
import type { Change } from '../../server/src/core/types';

/** A small docs tree where one concept doc is linked five ways (inline, anchors, reference-style, no extension, root-relative, from CLAUDE.md). */
export const ARCHIVE_CONFIG = `archive:
  folder: docs/ARCHIVE/streamlit
  rollback: docs/RUNBOOKS/ui-rollback.md
`;

export const SESSIONS_DOC = `---
title: Sessions in the old console
---
# Session handling

The old console kept per-user state in a dict. See [the overview](../overview.md#layout) and
![diagram](img/flow.png "Flow").

## Caveats

Refer to [caching][cache], to [this section](#caveats) and to the [API notes](<../API notes.md>).

[cache]: ../RUNBOOKS/cache.md#warm-up "Cache runbook"
`;

export function archiveFixture(): Record<string, string> {
  return {
    '.adrift.yaml': ARCHIVE_CONFIG,
    'docs/CONCEPTS/streamlit-sessions.md': SESSIONS_DOC,
    'docs/CONCEPTS/img/flow.png': 'PNG',
    'docs/CONCEPTS/nicegui-sessions.md': '# Sessions\n\nSuccessor of [the previous page](./streamlit-sessions.md#session-handling).\n\n## Caveats\n\nNone yet.\n',
    'docs/overview.md': '# Overview\n\n## Layout\n\nThe tree.\n',
    'docs/API notes.md': '# API notes\n',
    'docs/RUNBOOKS/cache.md': '# Cache\n\n## Warm up\n\nOlder notes: [sessions](../CONCEPTS/streamlit-sessions).\n',
    'docs/RUNBOOKS/ui-rollback.md': '# UI rollback\n',
    'docs/ADRs/ADR-0007-ui.md': '# ADR-0007: New UI\n\nSupersedes [the session doc](/docs/CONCEPTS/streamlit-sessions.md#caveats).\n',
    'docs/INDEX.md': '# Index\n\n- [Sessions][s]\n- Path: `docs/CONCEPTS/streamlit-sessions.md`\n\n[s]: CONCEPTS/streamlit-sessions.md\n',
    'CLAUDE.md': '# Guidance\n\nRead [sessions](docs/CONCEPTS/streamlit-sessions.md#caveats) before touching state.\n',
  };
}

/** Applies a plan's changes to an in-memory tree exactly as `applyChanges` does on disk. */
export function applyInMemory(files: Record<string, string>, changes: readonly Change[]): Record<string, string> {
  const next = { ...files };
  for (const change of changes) {
    if (change.kind === 'create') next[change.path] = change.content;
    else if (change.kind === 'edit') {
      const { text, bom } = splitBom(next[change.path]);
      next[change.path] = (bom ? '\uFEFF' : '') + applyTextEdits(text, change.edits);
    } else if (change.kind === 'delete') delete next[change.path];
    else {
      next[change.to] = next[change.from];
      delete next[change.from];
    }
  }
  return next;
}
