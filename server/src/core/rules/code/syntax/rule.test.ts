import { strict as assert } from 'node:assert';
import { createTestEngine, findingsOf } from '../../../../../../test/helpers/engine';
import { codeSyntax } from './rule';

const fence = '```';

function check(text: string, config?: string) {
  const engine = createTestEngine({ files: { 'docs/CONCEPTS/notes.md': text }, config, rules: [codeSyntax] });
  return findingsOf(engine, 'code/syntax').map((f) => ({
    at: `${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1}`,
    message: f.message,
  }));
}

const at = (text: string, config?: string) => check(text, config).map((f) => f.at);

describe('code/syntax', () => {
  describe('stays silent', () => {
    it('on valid JSON, YAML and Python, and on untagged or other languages', () => {
      const text = [
        '# Notes',
        '',
        `${fence}json`,
        '{"status": "healthy", "version": "1.4.2", "checks": {"redis": true}}',
        fence,
        '',
        `${fence}yaml`,
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  replicas: 3',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: quotes',
        '          image: "registry.internal/quotes:${TAG}"',
        fence,
        '',
        `${fence}python`,
        'from dataclasses import dataclass',
        '',
        '@dataclass',
        'class Quote:',
        '    symbol: str',
        '    bid: float',
        '',
        'async def stream(feed):',
        '    async for quote in feed:',
        '        match quote:',
        '            case Quote(symbol="AAPL"):',
        '                print(f"{quote.bid:>10.2f}")',
        fence,
        '',
        `${fence}bash`,
        'curl -f http://quotes:8080/health }{',
        fence,
        '',
        fence,
        '{ not json',
        fence,
      ].join('\n');
      assert.deepEqual(check(text), []);
    });

    it('on deliberate elisions in all three languages', () => {
      const text = [
        `${fence}json`,
        '{"positions": [...], "account": {...}, "limits": [1, 2, ...]}',
        fence,
        `${fence}json`,
        '{',
        '  "symbol": "MSFT",',
        '  ...',
        '}',
        fence,
        `${fence}json`,
        '{',
        '  "symbol": "MSFT",',
        '  "qty": …,',
        '  // ... more fields',
        '  "side": "buy"',
        '}',
        fence,
        `${fence}yml`,
        'services:',
        '  quotes:',
        '    image: quotes:latest',
        '    ...',
        '  redis: [...]',
        '# ...',
        fence,
        `${fence}python`,
        'def place_order(client, symbol, ...):',
        '    payload = {"symbol": symbol, ...}',
        '    fills = [...]',
        '    # ...',
        '    return …',
        fence,
      ].join('\n');
      assert.deepEqual(check(text), []);
    });

    it('on elided bodies, imports and list items in real-looking snippets', () => {
      const text = [
        `${fence}python`,
        'class PositionsPage:',
        '    def __init__(self, client):',
        '        ...',
        '',
        '    async def refresh(self) -> None:',
        '        async with self.lock:',
        '            # ... existing refresh logic',
        fence,
        `${fence}python`,
        'from app.components import (',
        '    header,',
        '    ...',
        ')',
        '',
        '@ui.page("/positions")',
        'async def positions(user: dict[str, Any] = Depends(current_user)) -> None:',
        '    ui.table(columns=[...], rows=await fetch(user["id"], …))',
        fence,
        `${fence}yaml`,
        'env:',
        '  - name: QUOTES_URL',
        '    value: "http://quotes:8080"',
        '  ...',
        '  - name: LOG_LEVEL',
        '    value: INFO',
        fence,
      ].join('\n');
      assert.deepEqual(check(text), []);
    });

    it('on JSON Lines tagged `json`', () => {
      const text = [`${fence}json`, '{"level": "info", "msg": "feed connected"}', '{"level": "warn", "msg": "lag 2s"}', fence].join('\n');
      assert.deepEqual(check(text), []);
    });

    it('on blocks flagged `skip-check`, templates and interactive sessions', () => {
      const text = [
        `${fence}python skip-check`,
        'def broken(',
        fence,
        `${fence}yaml`,
        'image: {{ .Values.image }}',
        '  tag: {{ .Values.tag }}',
        fence,
        `${fence}python`,
        '>>> quote = fetch("AAPL")',
        '>>> quote.bid',
        '189.2',
        fence,
      ].join('\n');
      assert.deepEqual(check(text), []);
    });

    it('for languages turned off and with another skip flag', () => {
      const text = [`${fence}json`, '{"a": }', fence, `${fence}python no-run`, 'def f(', fence].join('\n');
      const config = 'rules:\n  code/syntax:\n    languages: [yaml]\n';
      assert.deepEqual(check(text, config), []);
      assert.deepEqual(at(text, 'rules:\n  code/syntax:\n    skipFlags: [no-run]\n'), ['2:7-2:8']);
    });
  });

  describe('fires', () => {
    it('on a JSON trailing comma, at the closing brace JSON.parse stops on', () => {
      const text = ['# Notes', '', `${fence}json`, '{', '  "replicas": 3,', '  "port": 8080,', '}', fence].join('\n');
      assert.deepEqual(check(text), [
        {
          at: '7:1-7:2',
          message:
            'JSON in this `json` block does not parse (line 4 of the block): Expected double-quoted property name. Fix the example, or add `skip-check` after the language if it is deliberately partial.',
        },
      ]);
    });

    it('on a JSON token V8 reports without a position, located by scanning', () => {
      const findings = check([`${fence}json`, '{"healthy": tru}', fence].join('\n'));
      assert.equal(findings.length, 1);
      assert.equal(findings[0].at, '2:13-2:14');
      assert.match(findings[0].message, /Unexpected `tru`/);
    });

    it('on JSON Lines with one broken line', () => {
      assert.deepEqual(at([`${fence}json`, '{"level": "info"}', '{"level": warn}', fence].join('\n')), ['3:11-3:12']);
    });

    it('on a JSON object that never closes, at the end of the block', () => {
      assert.deepEqual(at([`${fence}json`, '{"a": [1, 2]', fence].join('\n')), ['2:13-2:13']);
    });

    it('on broken YAML at its line inside a list item (indented fence)', () => {
      const text = [
        '1. Apply the config:',
        '',
        `   ${fence}yaml`,
        '   limits:',
        '     cpu: 500m',
        '    memory: 512Mi',
        `   ${fence}`,
      ].join('\n');
      const findings = check(text);
      assert.deepEqual(findings.map((f) => f.at), ['6:4-6:5']);
      assert.match(findings[0].message, /^YAML in this `yaml` block does not parse \(line 3 of the block\): All mapping items must start at the same column/);
    });

    it('at the same positions in CRLF documents and inside blockquotes', () => {
      const lines = ['# Notes', '', `${fence}json`, '{', '  "a": 1', '  "b": 2', '}', fence, '', `> ${fence}yaml`, '> a: [1, 2', '> b: 3', `> ${fence}`, ''];
      assert.deepEqual(at(lines.join('\r\n')), ['6:3-6:4', '12:3-12:4']);
      assert.deepEqual(at(lines.join('\n')), ['6:3-6:4', '12:3-12:4']);
    });

    it('on duplicate YAML keys', () => {
      assert.deepEqual(at([`${fence}yaml`, 'port: 80', 'port: 443', fence].join('\n')), ['3:1-3:2']);
    });

    it('on a Python def without its colon, at the end of that line', () => {
      const text = ['Intro', '', `${fence}py`, 'import os', '', 'def connect(url)', '    return os.environ[url]', fence].join('\n');
      const findings = check(text);
      assert.deepEqual(findings.map((f) => f.at), ['6:17-6:17']);
      assert.match(findings[0].message, /^Python in this `py` block does not parse \(line 3 of the block\): unexpected end of line or input/);
    });

    it('on an unclosed Python call even when the block also has elisions, where the parser runs out of input', () => {
      const text = [`${fence}python`, 'orders = [...]', 'submit(orders, ...', 'print("done")', fence].join('\n');
      assert.deepEqual(at(text), ['4:14-4:14']);
    });

    it('on a real error in a block that also has deliberate elisions, at the error line', () => {
      const py = [`${fence}python`, 'def place(order, ...):', '    legs = [...]', '    if order.qty > 0', '        submit(order, legs)', fence].join('\n');
      assert.deepEqual(at(py), ['4:21-4:21']);
      const yml = [`${fence}yaml`, 'quotes:', '  replicas: 3', '  ...', '  symbols: [AAPL, MSFT', 'feeds: {}', fence].join('\n');
      assert.deepEqual(at(yml), ['6:1-6:2']);
    });

    it('on a real error next to an elision', () => {
      const text = [`${fence}json`, '{"a": 1, ..., "b" 2}', fence].join('\n');
      assert.deepEqual(at(text), ['2:19-2:20']);
    });
  });
});
