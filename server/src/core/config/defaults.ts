import type { AdriftConfig } from './types';

/** No config file at all is the normal case: these defaults must be useful on their own. */
export function defaultConfig(): AdriftConfig {
  return {
    include: ['docs/**/*.md', '**/CLAUDE.md', '**/AGENTS.md'],
    exclude: ['**/node_modules/**', '**/.git/**', '**/.adrift-cache/**'],
    maxFileSize: 5 * 1024 * 1024,
    rules: {},
    overrides: [],
    kinds: {},
  };
}

export const CONFIG_FILE_NAMES = ['.adrift.yaml', '.adrift.yml'] as const;
