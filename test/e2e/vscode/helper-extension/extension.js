// Test-only extension for adrift's end-to-end tests. It gives the test process a view of the
// workbench that the page cannot give reliably: it writes every diagnostic to
// $ADRIFT_E2E_CHANNEL/diagnostics.json whenever they change, and answers requests dropped as
// JSON files into $ADRIFT_E2E_CHANNEL/requests (a VS Code command, or one of the queries below).
'use strict';
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

function writeAtomically(file, value) {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(value, null, 1));
  fs.renameSync(temp, file);
}

function relative(uri) {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') : uri.toString();
}

function toUri(relativePath) {
  const folder = vscode.workspace.workspaceFolders[0];
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

let generation = 0;
function snapshotDiagnostics() {
  const files = {};
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (!diagnostics.length) continue;
    files[relative(uri)] = diagnostics.map((d) => ({
      source: d.source,
      code: typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code,
      severity: ['error', 'warning', 'info', 'hint'][d.severity],
      message: d.message,
      line: d.range.start.line,
      character: d.range.start.character,
      endLine: d.range.end.line,
      endCharacter: d.range.end.character,
    }));
  }
  return { generation: ++generation, files };
}

const queries = {
  /** Open documents' in-memory text (unsaved edits included) and dirty state. */
  documentText: (relativePath) => {
    const doc = vscode.workspace.textDocuments.find((d) => relative(d.uri) === relativePath);
    return doc ? { text: doc.getText(), isDirty: doc.isDirty } : null;
  },
  openDocuments: () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => relative(d.uri)),
  activeEditor: () => (vscode.window.activeTextEditor ? relative(vscode.window.activeTextEditor.document.uri) : null),
  extension: (id) => {
    const extension = vscode.extensions.getExtension(id);
    return extension ? { isActive: extension.isActive, version: extension.packageJSON.version } : null;
  },
  open: async (relativePath) => {
    const doc = await vscode.workspace.openTextDocument(toUri(relativePath));
    await vscode.window.showTextDocument(doc);
    return true;
  },
  /** Runs a VS Code command; string arguments written as {"uri": "rel/path"} become workspace URIs. */
  command: async (id, ...args) => {
    const converted = args.map((a) => (a && typeof a === 'object' && typeof a.uri === 'string' ? toUri(a.uri) : a));
    const result = await vscode.commands.executeCommand(id, ...converted);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  },
};

function activate(context) {
  const channel = process.env.ADRIFT_E2E_CHANNEL;
  if (!channel) return;
  const requests = path.join(channel, 'requests');
  const responses = path.join(channel, 'responses');
  fs.mkdirSync(requests, { recursive: true });
  fs.mkdirSync(responses, { recursive: true });
  const publish = () => writeAtomically(path.join(channel, 'diagnostics.json'), snapshotDiagnostics());
  publish();
  context.subscriptions.push(vscode.languages.onDidChangeDiagnostics(publish));

  const busy = new Set();
  const poll = setInterval(() => {
    for (const name of fs.readdirSync(requests)) {
      if (!name.endsWith('.json') || busy.has(name)) continue;
      busy.add(name);
      const file = path.join(requests, name);
      Promise.resolve()
        .then(() => {
          const { query, args } = JSON.parse(fs.readFileSync(file, 'utf8'));
          if (!queries[query]) throw new Error(`unknown query ${query}`);
          return queries[query](...(args || []));
        })
        .then((result) => ({ result }), (error) => ({ error: String(error && error.stack ? error.stack : error) }))
        .then((answer) => {
          writeAtomically(path.join(responses, name), answer);
          fs.rmSync(file, { force: true });
          busy.delete(name);
        });
    }
  }, 50);
  context.subscriptions.push({ dispose: () => clearInterval(poll) });
  writeAtomically(path.join(channel, 'ready.json'), { pid: process.pid });
}

module.exports = { activate, deactivate() {} };
