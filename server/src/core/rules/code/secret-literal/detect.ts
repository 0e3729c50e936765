import { code } from '../../../messages';

/**
 * Finds what looks like a real credential in a piece of code. Placeholders
 * (`$VAR`, `${VAR}`, `<password>`, `changeme`, `xxxx`, `...`) are not.
 */
export interface SecretHit {
  /** Offsets of the secret itself inside the scanned text. */
  start: number;
  end: number;
  what: string;
  /** What to write instead (for the suggested fix). */
  placeholder: string;
}

const PLACEHOLDER_WORD =
  /^(x+|\*+|#+|_+|-+|\.+|\u2026|0+|1234(5678?)?|changeme|change[-_ ]?(me|this|it)|replace[-_ ]?me|placeholder|redacted|hidden|secret|password|passwd|pass|pw|token|key|api[-_]?key|example|sample|dummy|fake|test|testing|abc123|abcdef|foobar|foo|bar|baz|todo|tbd|none|null|nil|true|false|yes|no|empty|undefined|string|str|required|optional)$/i;

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 4) return true;
  if (PLACEHOLDER_WORD.test(v)) return true;
  if (/^[$%<{!@&*]/.test(v) || /\$\{|\$\(|\{\{|<[^<>\s]+>/.test(v)) return true;
  if (/\.\.\.|\u2026|x{4,}|X{4,}|\*{3,}/.test(v)) return true;
  if (/example|placeholder|changeme|change[-_]me|your[-_ ]|my[-_ ]?secret|dummy|redacted|fake/i.test(v)) return true;
  return /^[+-]?\d+(\.\d+)?$/.test(v);
}

const NAMED_PATTERNS: { what: string; placeholder: string; pattern: RegExp; real?: (match: string) => boolean }[] = [
  { what: 'an AWS access key ID', placeholder: '<aws-access-key-id>', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, real: (m) => !m.includes('EXAMPLE') },
  { what: 'a GitHub token', placeholder: '<github-token>', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/g },
  { what: 'a Slack token', placeholder: '<slack-token>', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, real: (m) => !/x{4,}|X{4,}/.test(m.slice(5)) },
  {
    what: 'a Slack webhook URL',
    placeholder: '<slack-webhook-url>',
    pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]{8,}/g,
    real: (m) => !/x{4,}|X{4,}|0{6,}/.test(m),
  },
  { what: 'a Stripe live key', placeholder: '<stripe-key>', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}/g },
  { what: 'a JSON Web Token', placeholder: '<jwt>', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g },
];

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g;
const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g;
const URL_PASSWORD = /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]*:([^\s@/'"`]+)@/g;
// Each pattern can start only where a run of its characters starts, so scanning a long token stays linear.
const KEY_VALUE =
  /(?<![A-Za-z0-9_.-])(?:--?)?([A-Za-z][A-Za-z0-9_.-]*)["']?[ \t]*(?::|=)[ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s'"`,;()[\]{}=]+)/g;
const SECRET_KEY_ENDINGS = ['password', 'passwd', 'passphrase', 'secret', 'secretkey', 'apikey', 'token', 'accesskey', 'privatekey', 'credential', 'credentials'];

/** Languages where an unquoted value is a name or expression, never a literal. */
const PROGRAMMING = /^(python|py|python3|js|javascript|jsx|ts|typescript|tsx|go|golang|java|kotlin|rust|rs|ruby|rb|c|cpp|c\+\+|csharp|cs|php|scala|swift)$/i;

export function findSecrets(text: string, lang: string | null): SecretHit[] {
  const hits: SecretHit[] = [];
  const add = (hit: SecretHit) => {
    if (!hits.some((h) => hit.start < h.end && h.start < hit.end)) hits.push(hit);
  };
  for (const m of text.matchAll(PRIVATE_KEY)) {
    const start = m.index!;
    const endMarker = text.indexOf('-----END', start + m[0].length);
    const bodyEnd = endMarker === -1 ? Math.min(text.length, start + 4000) : endMarker;
    if (!/[A-Za-z0-9+/=]{40,}/.test(text.slice(start + m[0].length, bodyEnd))) continue;
    const close = endMarker === -1 ? -1 : text.indexOf('-----', endMarker + 8);
    add({ start, end: close === -1 ? start + m[0].length : close + 5, what: 'a private key', placeholder: '<private-key>' });
  }
  for (const { what, placeholder, pattern, real } of NAMED_PATTERNS) {
    for (const m of text.matchAll(pattern)) if (!real || real(m[0])) add({ start: m.index!, end: m.index! + m[0].length, what, placeholder });
  }
  for (const m of text.matchAll(BEARER)) {
    const start = m.index! + m[0].length - m[1].length;
    if (!isPlaceholder(m[1]) && /\d/.test(m[1]) && /[A-Za-z]/.test(m[1])) add({ start, end: start + m[1].length, what: 'a bearer token', placeholder: '<token>' });
  }
  for (const m of text.matchAll(URL_PASSWORD)) {
    const start = m.index! + m[0].length - 1 - m[1].length;
    if (!isPlaceholder(m[1])) add({ start, end: start + m[1].length, what: 'a password in a connection URL', placeholder: '<password>' });
  }
  for (const m of text.matchAll(KEY_VALUE)) {
    const key = m[1];
    const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (!SECRET_KEY_ENDINGS.some((ending) => normalized.endsWith(ending))) continue;
    const raw = m[2];
    const quoted = raw.startsWith('"') || raw.startsWith("'");
    const value = quoted ? raw.slice(1, -1) : raw;
    const followedBy = text[m.index! + m[0].length] ?? '';
    const reference = PROGRAMMING.test(lang ?? '') || /[([]/.test(followedBy) || /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(value);
    if (!quoted && reference) continue;
    if (isPlaceholder(value)) continue;
    const start = m.index! + m[0].length - raw.length + (quoted ? 1 : 0);
    add({ start, end: start + value.length, what: `a literal ${code(key)} value`, placeholder: `<${key.toLowerCase().replace(/^-+/, '').replace(/_/g, '-')}>` });
  }
  return hits.sort((a, b) => a.start - b.start);
}

