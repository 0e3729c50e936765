// Link diagnostics of VS Code's Markdown language service over a folder, as the
// editor computes them: markdown-it tokens, a file-system workspace, every
// document's `computeDiagnostics` with file, fragment and reference checks on.
// Usage: node bench/peers/vscode-markdown.mjs <root>; prints the diagnostic count.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver-protocol';
import { createLanguageService, DiagnosticLevel, githubSlugifier, LogLevel } from 'vscode-markdown-languageservice';
import { URI } from 'vscode-uri';

const root = path.resolve(process.argv[2] ?? '.');
const md = new MarkdownIt({ html: true });
const parser = { slugifier: githubSlugifier, tokenize: async (doc) => md.parse(doc.getText(), {}) };

async function listMarkdown(folder, out = []) {
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await listMarkdown(full, out);
    } else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out;
}

const files = await listMarkdown(root);
const documents = new Map();
for (const file of files) {
  const uri = URI.file(file).toString();
  documents.set(uri, TextDocument.create(uri, 'markdown', 1, await fs.readFile(file, 'utf8')));
}

const workspace = {
  workspaceFolders: [URI.file(root)],
  onDidChangeMarkdownDocument: new Emitter().event,
  onDidCreateMarkdownDocument: new Emitter().event,
  onDidDeleteMarkdownDocument: new Emitter().event,
  getAllMarkdownDocuments: async () => documents.values(),
  hasMarkdownDocument: (resource) => documents.has(resource.toString()),
  openMarkdownDocument: async (resource) => documents.get(resource.toString()),
  stat: async (resource) => {
    try {
      return { isDirectory: (await fs.stat(resource.fsPath)).isDirectory() };
    } catch {
      return undefined;
    }
  },
  readDirectory: async (resource) =>
    (await fs.readdir(resource.fsPath, { withFileTypes: true })).map((e) => [e.name, { isDirectory: e.isDirectory() }]),
};

const logger = { level: LogLevel.Off, log: () => undefined };
const service = createLanguageService({ workspace, parser, logger });
const options = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.warning,
  validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
  ignoreLinks: [],
};
const token = new CancellationTokenSource().token;
let count = 0;
for (const doc of documents.values()) count += (await service.computeDiagnostics(doc, options, token)).length;
service.dispose();
console.log(`${count} diagnostics in ${documents.size} documents`);
