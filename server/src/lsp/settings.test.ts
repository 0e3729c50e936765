import assert from 'node:assert/strict';
import { ResolvedConfig } from '../core/config/resolved';
import { defaultConfig } from '../core/config/defaults';
import { allRules } from '../core/rules';
import { mergeSettings, parseSettings } from './settings';

describe('editor settings', () => {
  it('parses valid settings', () => {
    const { settings, warnings } = parseSettings({ enable: false, include: ['notes/**/*.md'], exclude: ['**/drafts/**'], rules: { 'links/broken': 'warning' } }, allRules);
    assert.deepEqual(warnings, []);
    assert.deepEqual(settings, { enable: false, include: ['notes/**/*.md'], exclude: ['**/drafts/**'], rules: { 'links/broken': 'warning' } });
  });

  it('never throws: bad values fall back to defaults with a warning each', () => {
    const { settings, warnings } = parseSettings({ enable: 'yes', include: 'docs', rules: { 'links/broken': 'loud', 'no/such-rule': 'off' } }, allRules);
    assert.deepEqual(settings, { enable: true, include: [], exclude: [], rules: {} });
    assert.deepEqual(warnings, [
      '`adrift.enable` must be true or false; using true.',
      '`adrift.include` must be a list of glob patterns; ignoring it.',
      '`adrift.rules.links/broken` must be one of off, info, warning, error; ignoring it.',
      '`adrift.rules`: unknown rule `no/such-rule`; ignoring it.',
    ]);
    assert.deepEqual(parseSettings(42, allRules).warnings, ['`adrift` settings must be an object; using the defaults.']);
  });

  it('applies over the config file: include replaces, exclude adds, rule severity wins but keeps options', () => {
    const file = new ResolvedConfig({ ...defaultConfig(), rules: { 'links/broken': { severity: 'error', checkAnchors: false } } }, '.adrift.yaml');
    const merged = mergeSettings(file, { enable: true, include: ['notes/**/*.md'], exclude: ['**/drafts/**'], rules: { 'links/broken': 'info' } });
    assert.deepEqual(merged.raw.include, ['notes/**/*.md']);
    assert.deepEqual(merged.raw.exclude, [...defaultConfig().exclude, '**/drafts/**']);
    assert.deepEqual(merged.raw.rules['links/broken'], { severity: 'info', checkAnchors: false });
    assert.equal(merged.sourcePath, '.adrift.yaml');
    assert.equal(mergeSettings(file, { enable: true, include: [], exclude: [], rules: {} }), file);
  });
});
