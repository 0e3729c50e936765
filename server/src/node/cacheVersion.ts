import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let memo: string | undefined;

/**
 * The version a persistent cache is keyed by: the release plus a hash of the
 * running bundle (`import.meta.url` is the bundle's own file once built), so a
 * development build with different rules never reuses an older build's results.
 */
export function cacheVersion(release: string): string {
  if (memo === undefined) {
    let build = 'unbundled';
    try {
      build = createHash('sha1').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);
    } catch {
      // No readable file behind the code (an unusual loader): the release alone keys the cache.
    }
    memo = build;
  }
  return `${release}+${memo}`;
}
