/**
 * A digest of the sources a bundle was built from, which the build defines
 * (`esbuild.mjs`); absent when running from source (tests, tsx).
 */
declare const ADRIFT_BUILD_ID: string | undefined;

/**
 * The version a persistent cache is keyed by: the release plus the build's
 * digest of its sources, so a development build with different rules never
 * reuses an older build's results. Known at build time, so that no run pays
 * for reading and hashing its own bundle.
 */
export function cacheVersion(release: string): string {
  return `${release}+${typeof ADRIFT_BUILD_ID === 'string' ? ADRIFT_BUILD_ID : 'unbundled'}`;
}
