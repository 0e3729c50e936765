import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const grammar = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../syntaxes/adrift.injection.json'), 'utf8'));

/** The injection's patterns use no Oniguruma-only syntax except a leading `(?i)`, so JS regexes can test them. */
function pattern(name: string): RegExp {
  const source: string = grammar.repository[name].match;
  return source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source);
}

describe('syntaxes/adrift.injection.json', () => {
  it('injects into Markdown', () => {
    assert.equal(grammar.injectionSelector, 'L:text.html.markdown');
  });

  it('highlights control comments with their rule ids', () => {
    const match = pattern('control-comment').exec('Text <!-- adrift-disable-next-line links/broken --> more');
    assert.deepEqual(match?.slice(2, 4), ['adrift-disable-next-line', ' links/broken']);
    assert.equal(pattern('control-comment').exec('<!-- prettier-ignore -->'), null);
  });

  it('highlights ADR status values only on the Status line', () => {
    const status = pattern('adr-status');
    assert.equal(status.exec('**Status:** Accepted')?.[2], 'Accepted');
    assert.equal(status.exec('Status: superseded by ADR-0009')?.[5], 'superseded');
    assert.equal(status.exec('- Status: Proposed')?.[3], 'Proposed');
    assert.equal(status.exec('The status was Accepted'), null);
  });

  it('highlights the DEPRECATED banner of archived docs', () => {
    assert.equal(pattern('deprecated-banner').exec('**DEPRECATED:** This document describes the old login.')?.[1], '**DEPRECATED:**');
  });
});
