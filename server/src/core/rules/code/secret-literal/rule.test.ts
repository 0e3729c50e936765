import { strict as assert } from 'node:assert';
import { createTestEngine, findingsOf } from '../../../../../../test/helpers/engine';
import { codeSecretLiteral } from './rule';

const fence = '```';

function check(text: string) {
  const engine = createTestEngine({ files: { 'docs/RUNBOOKS/deploy.md': text }, rules: [codeSecretLiteral] });
  return findingsOf(engine, 'code/secret-literal').map((f) => ({
    at: `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`,
    what: /looks like (.*?)\. Docs/.exec(f.message)?.[1],
  }));
}

describe('code/secret-literal', () => {
  it('stays silent on placeholders, environment variables and references', () => {
    const text = [
      '# Deploy',
      '',
      `${fence}bash`,
      'export DB_PASSWORD="${DB_PASSWORD:?set it first}"',
      'export API_TOKEN=$API_TOKEN',
      'curl -H "Authorization: Bearer $GRAFANA_API_KEY" "$GRAFANA_URL/api/health"',
      'psql "postgres://ledger:<password>@db.internal/ledger"',
      'aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE',
      fence,
      '',
      `${fence}yaml`,
      'password: changeme',
      'secret: xxxxxxxx',
      'api_key: "..."',
      'secretName: quotes-tls',
      'max_tokens: 4096',
      'client_secret: ${{ secrets.CLIENT_SECRET }}',
      'auth_token: abc123',
      fence,
      '',
      `${fence}python`,
      'SECRET_KEY = os.environ["SECRET_KEY"]',
      'api_key = settings.quotes_api_key',
      'token = vault.read(path)',
      fence,
      '',
      `${fence}text`,
      '-----BEGIN PRIVATE KEY-----',
      '...',
      '-----END PRIVATE KEY-----',
      fence,
      '',
      'Set `password=<your password>` in `.env`.',
      '',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  it('fires on each credential, on exactly its characters', () => {
    const text = [
      '# Deploy',
      '',
      `${fence}bash`,
      'export DB_PASSWORD=Tr0ub4dor-42',
      'curl -H "Authorization: Bearer 9c1185a5c5e9fc54612808977ee8f548b2258d31" https://quotes.internal',
      'redis-cli -u redis://:Wq7-v3ry-l0ng@redis:6379 ping',
      fence,
      '',
      `${fence}yaml`,
      'github_token: ghp_R8x2Lq9Vt4Wm7Yz1Bc3Dn5Fg6Hj0Kp2Ls4Qa',
      'aws_access_key_id: AKIAZ7Q2M4N6P8R0T3V5',
      fence,
      '',
      `${fence}python`,
      'client = Quotes(api_key="qk_live_4f9a2c7e1b")',
      fence,
      '',
      `${fence}text`,
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      '-----END OPENSSH PRIVATE KEY-----',
      fence,
      '',
      'Or run `SLACK_BOT=xoxb-7301945521-Rk2mQ8vLx3Tz` once.',
    ].join('\n');
    assert.deepEqual(check(text), [
      { at: '4:20-4:32', what: 'a literal `DB_PASSWORD` value' },
      { at: '5:32-5:72', what: 'a bearer token' },
      { at: '6:23-6:36', what: 'a password in a connection URL' },
      { at: '10:15-10:55', what: 'a GitHub token' },
      { at: '11:20-11:40', what: 'an AWS access key ID' },
      { at: '15:26-15:44', what: 'a literal `api_key` value' },
      { at: '19:1-21:34', what: 'a private key' },
      { at: '24:19-24:47', what: 'a Slack token' },
    ]);
  });

  it('offers an unsafe fix that swaps the literal for a placeholder', () => {
    const engine = createTestEngine({ files: { 'docs/RUNBOOKS/deploy.md': `${fence}ini\npassword = hunter2hunter2\n${fence}\n` }, rules: [codeSecretLiteral] });
    const [finding] = findingsOf(engine, 'code/secret-literal');
    assert.deepEqual(finding.fixes, [
      {
        title: 'Replace with <password>',
        safe: false,
        changes: [{ kind: 'edit', path: 'docs/RUNBOOKS/deploy.md', edits: [{ range: { start: { line: 1, character: 11 }, end: { line: 1, character: 25 } }, newText: '<password>' }] }],
      },
    ]);
    assert.doesNotMatch(finding.message, /hunter2/);
  });
});
