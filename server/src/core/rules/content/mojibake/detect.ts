import { byteOf } from './cp1252';

/** A run of text that is UTF-8 decoded as Windows-1252, and what it said. */
export interface DamagedRun {
  from: number;
  to: number;
  original: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Two-byte sequences are where real accented text could look like damage
 * (an uppercase accented letter before a symbol, `É»`): accept only what
 * damaged text decodes to in practice (Latin letters and symbols, Greek, basic
 * Cyrillic), not IPA or Armenian.
 */
function plausible(decoded: string, length: number): boolean {
  const cp = decoded.codePointAt(0)!;
  if (length > 2) return cp >= 0x800;
  return (cp >= 0xa0 && cp <= 0x17f) || (cp >= 0x370 && cp <= 0x3ff) || (cp >= 0x400 && cp <= 0x45f);
}

/** Decodes one UTF-8 sequence written as Windows-1252 characters at `text[at]`, if there is one. */
function decodeAt(text: string, at: number): { length: number; decoded: string } | null {
  const lead = byteOf(text.charCodeAt(at));
  if (lead === undefined) return null;
  const length = sequenceLength(lead);
  if (length === 0 || at + length > text.length) return null;
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const byte = byteOf(text.charCodeAt(at + k));
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return null;
    bytes.push(byte);
  }
  let decoded: string;
  try {
    decoded = utf8.decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
  return plausible(decoded, length) ? { length, decoded } : null;
}

/**
 * Finds runs of mojibake: consecutive UTF-8 sequences shown as Windows-1252
 * characters (`âœ…` for `✅`). A run is reported only when re-encoding what it
 * decodes to gives back exactly its bytes.
 */
export function findDamagedRuns(text: string, from = 0, to = text.length): DamagedRun[] {
  const runs: DamagedRun[] = [];
  let current: DamagedRun | null = null;
  const leads = new RegExp(LEAD_CHAR);
  for (let i = nextMatch(leads, text, from); i < to; ) {
    const hit = i + 1 < to ? decodeAt(text, i) : null;
    if (hit && i + hit.length <= to) {
      if (current && current.to === i) {
        current.to += hit.length;
        current.original += hit.decoded;
      } else {
        current = { from: i, to: i + hit.length, original: hit.decoded };
        runs.push(current);
      }
      i = nextMatch(leads, text, i + hit.length);
    } else i = nextMatch(leads, text, i + 1);
  }
  return runs.filter((run) => roundTrips(text.slice(run.from, run.to), run.original));
}

/**
 * Characters a damaged sequence can start with: Windows-1252 shows the lead
 * bytes 0xC2-0xF4 as the Latin-1 characters of the same number. Searching for
 * them skips the (usually all) clean text at native speed.
 */
const LEAD_CHAR = /[\u00c2-\u00f4]/g;
/** Lead characters of sequences of three or four bytes, the ones that can lose a byte. */
const LONG_LEAD_CHAR = /[\u00e0-\u00f4]/g;

/** The offset of the next match of a global `pattern` at or after `from`; the text's length when there is none. */
function nextMatch(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? text.length;
}

/** Bytes Windows-1252 leaves unassigned: tools that decode with it drop them. */
const LOST_BYTES = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

/** Symbols docs use (arrows, technical, box drawing, shapes, dingbats, pictographs): what a lost byte likely belonged to. */
const SYMBOL_RANGES: [number, number][] = [
  [0x2190, 0x21ff],
  [0x2300, 0x23ff],
  [0x2500, 0x27bf],
  [0x2b00, 0x2bff],
  [0x1f300, 0x1f6ff],
  [0x1f900, 0x1faff],
];

function isSymbol(cp: number): boolean {
  return SYMBOL_RANGES.some(([low, high]) => cp >= low && cp <= high);
}

/** A damaged sequence that lost one byte (one Windows-1252 leaves unassigned), so it cannot be restored exactly. */
export interface TruncatedRun {
  from: number;
  to: number;
  /** What it may have said, one character per possible lost byte. */
  candidates: string[];
}

function isContinuation(text: string, at: number): boolean {
  const byte = at < text.length ? byteOf(text.charCodeAt(at)) : undefined;
  return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}

function truncatedAt(text: string, at: number, to: number): TruncatedRun | null {
  const lead = byteOf(text.charCodeAt(at));
  const length = lead === undefined ? 0 : sequenceLength(lead);
  if (length < 3) return null;
  const present = length - 2;
  for (let k = 1; k <= present; k++) if (at + k >= to || !isContinuation(text, at + k)) return null;
  if (isContinuation(text, at + present + 1)) return null;
  const bytes = [lead!, ...Array.from({ length: present }, (_, k) => byteOf(text.charCodeAt(at + 1 + k))!)];
  const candidates = new Set<string>();
  for (let position = 1; position < length; position++) {
    for (const lost of LOST_BYTES) {
      const full = [...bytes.slice(0, position), lost, ...bytes.slice(position)];
      try {
        const decoded = utf8.decode(new Uint8Array(full));
        if (isSymbol(decoded.codePointAt(0)!)) candidates.add(decoded);
      } catch {
        // not valid UTF-8 with the byte here
      }
    }
  }
  return candidates.size ? { from: at, to: at + present + 1, candidates: [...candidates] } : null;
}

/** Damaged sequences that lost a byte: reported, never restored automatically. */
export function findTruncatedRuns(text: string, restorable: readonly DamagedRun[]): TruncatedRun[] {
  const found: TruncatedRun[] = [];
  let next = 0;
  const leads = new RegExp(LONG_LEAD_CHAR);
  for (let i = nextMatch(leads, text, 0); i < text.length; i = nextMatch(leads, text, i + 1)) {
    while (next < restorable.length && restorable[next].to <= i) next++;
    if (next < restorable.length && restorable[next].from <= i) {
      i = restorable[next].to - 1;
      continue;
    }
    const run = truncatedAt(text, i, text.length);
    if (run && !restorable.some((r) => r.from < run.to && run.from < r.to)) {
      found.push(run);
      i = run.to - 1;
    }
  }
  return found;
}

function roundTrips(damaged: string, original: string): boolean {
  const bytes = encoder.encode(original);
  if (bytes.length !== damaged.length) return false;
  return bytes.every((byte, k) => byteOf(damaged.charCodeAt(k)) === byte);
}
