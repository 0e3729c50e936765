import { strict as assert } from 'node:assert';
import { atIdentifierBoundaries } from '../../../regions';
import { termOccurrences } from './scan';
import type { StaleTerm } from './terms';

const term = (text: string, regex = false): StaleTerm => ({ term: text, regex, replacements: [], advice: [], notes: [], origins: [] });

/** What the scanner must find: every offset where the literal starts, at identifier boundaries, one term at a time. */
function naive(text: string, literal: string): { from: number; to: number }[] {
  const found = [];
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
    if (atIdentifierBoundaries(text, at, at + literal.length)) found.push({ from: at, to: at + literal.length });
  }
  return found;
}

describe('stale term scanning', () => {
  it('finds each literal term where a search for that term alone would, overlapping ones included', () => {
    const terms = [term('st.session'), term('st.session_state'), term('aa'), term('a.a'), term('legacy/x.md'), term('(x)')];
    const text = 'st.session_state and st.session; aaaa a.a.a docs/legacy/x.md legacy/x.mdx f(x) (x)';
    const found = termOccurrences(text, terms);
    terms.forEach((t, index) => assert.deepEqual(found[index], naive(text, t.term), t.term));
    assert.deepEqual(found[1], [{ from: 0, to: 16 }]);
  });

  it('finds regular-expression terms with RE2 and ignores empty terms', () => {
    const terms = [term('requests.get('), term(''), term('\\bfoo\\d+', true)];
    const found = termOccurrences('requests.get(x) foo12 foo', terms);
    assert.deepEqual(found[0], [{ from: 0, to: 13 }]);
    assert.deepEqual(found[1], []);
    assert.deepEqual(found[2], [{ from: 16, to: 21 }]);
  });

  it('finds nothing in text without any term', () => {
    assert.deepEqual(termOccurrences('nothing to see', [term('st.stop()'), term('x', true)]), [[], []]);
  });
});
