import assert from 'node:assert/strict';
import { createTestEngine } from '../../../test/helpers/engine';
import { applyInMemory } from '../../../test/helpers/archiveFixture';
import { linkUpdatesForMoves } from './renameLinks';

const files = {
  'docs/guide.md': '# Guide\n\n[a](CONCEPTS/auth.md#login), [root](/docs/CONCEPTS/auth.md), [web](https://x.test/CONCEPTS/auth.md)\n\n[ref]: ./CONCEPTS/auth.md "Auth"\n',
  'docs/CONCEPTS/auth.md': '# Auth\n\n## Login\n\nSee [the guide](../guide.md) and [self](#login) and [img](img/flow.png).\n',
  'docs/CONCEPTS/img/flow.png': 'PNG',
  'docs/other.md': '# Other\n\n[unrelated](guide.md)\n',
};

describe('linkUpdatesForMoves', () => {
  it('re-aims inbound links (keeping anchors, ./ and root-relative style) and the moved document\'s own relative links', () => {
    const engine = createTestEngine({ files });
    const changes = linkUpdatesForMoves(engine, [{ from: 'docs/CONCEPTS/auth.md', to: 'docs/security/auth.md' }]);
    const after = applyInMemory(files, changes);
    assert.equal(
      after['docs/guide.md'],
      '# Guide\n\n[a](security/auth.md#login), [root](/docs/security/auth.md), [web](https://x.test/CONCEPTS/auth.md)\n\n[ref]: ./security/auth.md "Auth"\n',
    );
    assert.equal(after['docs/CONCEPTS/auth.md'], '# Auth\n\n## Login\n\nSee [the guide](../guide.md) and [self](#login) and [img](../CONCEPTS/img/flow.png).\n');
    assert.deepEqual(changes.map((c) => (c.kind === 'edit' ? c.path : c.kind)), ['docs/CONCEPTS/auth.md', 'docs/guide.md']);
  });

  it('moves a whole folder: links into it change, links inside it between its files stay', () => {
    const engine = createTestEngine({ files });
    const changes = linkUpdatesForMoves(engine, [{ from: 'docs/CONCEPTS', to: 'docs/ARCHIVE/CONCEPTS' }]);
    const after = applyInMemory(files, changes);
    assert.match(after['docs/guide.md'], /\[a\]\(ARCHIVE\/CONCEPTS\/auth\.md#login\)/);
    assert.match(after['docs/CONCEPTS/auth.md'], /\[the guide\]\(\.\.\/\.\.\/guide\.md\)/);
    assert.match(after['docs/CONCEPTS/auth.md'], /\[img\]\(img\/flow\.png\)/);
    assert.equal(after['docs/other.md'], files['docs/other.md']);
  });

  it('returns nothing when no link is affected', () => {
    const engine = createTestEngine({ files });
    assert.deepEqual(linkUpdatesForMoves(engine, [{ from: 'docs/unlinked.md', to: 'docs/x.md' }]), []);
  });
});
