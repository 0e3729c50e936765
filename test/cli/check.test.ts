import { strict as assert } from 'node:assert';
import { readFileSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { copyFixture, runCli } from './run';

const EXPECTED_TEXT = [
  'docs/crlf.md:3:10 error links/broken Link target `nowhere.md` does not exist (resolved to `docs/nowhere.md`).',
  'docs/guide.md:4:1 error frontmatter/yaml Front matter is not valid YAML: unexpected end of the stream within a double quoted scalar.',
  'docs/guide.md:11:13 error links/broken Link target `ops/missing.md` does not exist (resolved to `docs/ops/missing.md`).',
  'docs/guide.md:12:12 error links/broken No heading with anchor `#verfy` in `docs/ops/deploy.md`; did you mean `#verify`?',
  'docs/guide.md:13:10 error links/broken Link `Ops/Deploy.md` differs in case from the file `docs/ops/deploy.md`; it works on macOS and Windows but breaks on Linux.',
  'docs/guide.md:14:7 error links/broken Reference `[adr-31]` has no definition; add `[adr-31]: <url>` or use an inline link.',
  '',
  '6 findings (6 errors, 0 warnings, 0 infos) in 2 files',
  '',
].join('\n');

describe('adrift check (CLI process)', () => {
  it('prints every finding in text form, sorted, with exit code 1', () => {
    const root = copyFixture('cli/basic');
    const result = runCli(['check'], root);
    assert.equal(result.stdout, EXPECTED_TEXT);
    assert.equal(result.code, 1);
  });

  it('prints paths relative to the current directory when run from elsewhere', () => {
    const root = copyFixture('cli/basic');
    mkdirSync(join(root, '.git'));
    const result = runCli(['check', 'ops'], join(root, 'docs'));
    assert.equal(result.stdout, '');
    assert.equal(result.code, 0);
    const all = runCli(['check', '.'], join(root, 'docs'));
    assert.match(all.stdout, /^crlf.md:3:10 error links\/broken/m);
  });

  it('prints the JSON contract exactly', () => {
    const root = copyFixture('cli/basic');
    const result = runCli(['check', '--format', 'json'], root);
    const rows = JSON.parse(result.stdout);
    assert.deepEqual(rows[0], {
      file: 'docs/crlf.md',
      line: 3,
      column: 10,
      endLine: 3,
      endColumn: 20,
      severity: 'error',
      ruleId: 'links/broken',
      message: 'Link target `nowhere.md` does not exist (resolved to `docs/nowhere.md`).',
      fixes: [],
    });
    assert.deepEqual(rows.map((r: { line: number; ruleId: string }) => `${r.line} ${r.ruleId}`), [
      '3 links/broken', '4 frontmatter/yaml', '11 links/broken', '12 links/broken', '13 links/broken', '14 links/broken',
    ]);
    assert.deepEqual(rows[3].fixes, [{ title: 'Change the anchor to #verify', safe: false }]);
    assert.deepEqual(rows[4].fixes, [{ title: 'Change the link to ops/deploy.md', safe: true }]);
    assert.equal(result.code, 1);
  });

  it('prints SARIF 2.1.0 that validates against the schema', () => {
    const root = copyFixture('cli/basic');
    const result = runCli(['check', '--format', 'sarif'], root);
    const log = JSON.parse(result.stdout) as { runs: { results: { locations: { physicalLocation: unknown }[]; ruleIndex: number }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const schema = JSON.parse(readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const results = log.runs[0].results;
    assert.equal(results.length, 6);
    assert.deepEqual(results[0].locations[0].physicalLocation, {
      artifactLocation: { uri: 'docs/crlf.md' },
      region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: 20 },
    });
    assert.equal(log.runs[0].tool.driver.rules[results[0].ruleIndex].id, 'links/broken');
  });

  it('finds the same when it parses in worker processes, as it does for a large tree', () => {
    const root = copyFixture('cli/basic');
    const alone = runCli(['check', '--format', 'json'], root);
    const withWorkers = runCli(['check', '--format', 'json'], root, { ADRIFT_PARSE_WORKERS: '1' });
    assert.equal(withWorkers.stderr, '');
    assert.deepEqual([withWorkers.code, withWorkers.stdout], [alone.code, alone.stdout]);
    assert.equal(alone.code, 1);
  });

  it('exits 0 on a clean tree, and 1 over --max-warnings', () => {
    const root = copyFixture('cli/basic');
    writeFileSync(join(root, '.adrift.yaml'), 'include: ["docs/ops/**/*.md"]\n');
    assert.deepEqual([runCli(['check'], root).code, runCli(['check'], root).stdout], [0, '']);
    writeFileSync(join(root, '.adrift.yaml'), 'rules:\n  links/broken: warning\n  frontmatter/yaml: off\n');
    assert.equal(runCli(['check', '--max-warnings', '5'], root).code, 0);
    assert.equal(runCli(['check', '--max-warnings', '4'], root).code, 1);
  });

  it('exits 2 on bad usage and on an unreadable config, saying where', () => {
    const root = copyFixture('cli/basic');
    assert.equal(runCli(['check', '--format', 'xml'], root).code, 2);
    assert.equal(runCli(['check', '--bogus'], root).code, 2);
    assert.equal(runCli(['check', 'no/such/dir'], root).code, 2);
    assert.equal(runCli(['check', '--config', 'missing.yaml'], root).code, 2);
    writeFileSync(join(root, '.adrift.yaml'), 'rules: [unclosed\n');
    const broken = runCli(['check'], root);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^\.adrift\.yaml:\d+:\d+ error config\/syntax YAML syntax error/m);
  });

  it('reports invalid config values on their line and keeps checking with defaults', () => {
    const root = copyFixture('cli/basic');
    writeFileSync(join(root, '.adrift.yaml'), 'rules:\n  links/broken: loud\n  no/such-rule: error\ncolour: blue\n');
    const result = runCli(['check'], root);
    assert.match(result.stdout, /^\.adrift\.yaml:2:17 error config\/invalid `rules\.links\/broken` must be one of `off`, `info`, `warning`, `error`/m);
    assert.match(result.stdout, /^\.adrift\.yaml:3:3 warning config\/invalid Unknown setting `rules\.no\/such-rule`; it is ignored\./m);
    assert.match(result.stdout, /^\.adrift\.yaml:4:1 warning config\/invalid Unknown setting `colour`; it is ignored\./m);
    assert.match(result.stdout, /docs\/guide.md:11:13 error links\/broken/);
  });

  it('--fix applies only safe fixes, keeping CRLF, BOM and file mode', () => {
    const root = copyFixture('cli/basic');
    const guide = join(root, 'docs/guide.md');
    writeFileSync(guide, `\uFEFF${readFileSync(guide, 'utf8').replace(/\n/g, '\r\n')}`);
    chmodSync(guide, 0o640);
    const result = runCli(['check', '--fix'], root);
    const fixed = readFileSync(guide, 'utf8');
    assert.ok(fixed.startsWith('\uFEFF---\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed), 'every line still ends with CRLF');
    assert.match(fixed, /\[Case\]\(ops\/deploy\.md\) differs in case/);
    assert.match(fixed, /\[Anchor\]\(ops\/deploy\.md#verfy\)/, 'unsafe fixes are not applied');
    assert.equal(statSync(guide).mode & 0o777, 0o640);
    assert.doesNotMatch(result.stdout, /differs in case/);
    assert.match(result.stderr, /fixed 1 finding\(s\) in 1 file\(s\)/);
  });
});
