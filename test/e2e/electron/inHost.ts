// Entry point @vscode/test-electron loads inside VS Code's extension host: runs the shared
// scenario bodies through the VS Code API. The workspace (a copy of examples/) is VS Code's
// only folder; scenarios run in an order where each leaves what the next one needs.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import {
  MISSING_TARGET,
  archiveMovesDocAndRewritesLinks,
  createdTargetClearsClosedDoc,
  deprecationSnippetExpands,
  findingsOfOpenDoc,
  quickFixRemovesFinding,
  typedBrokenLinkShowsWithoutSaving,
} from '../scenarios';
import { ElectronDriver } from './electronDriver';

export function run(): Promise<void> {
  const workspace = vscode.workspace.workspaceFolders![0].uri;
  const root = workspace.fsPath;
  const driver = new ElectronDriver(workspace, process.env.ADRIFT_ARCHIVE_COMMAND ?? 'adrift.archiveStreamlitDoc');
  const discardEditors = async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  };
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false });
  const suite = Mocha.Suite.create(mocha.suite, 'e2e: VS Code (@vscode/test-electron)');
  const add = (title: string, body: () => Promise<unknown>) => suite.addTest(new Mocha.Test(title, body));
  add('clears the finding of a closed doc when the missing target file is created', async () => {
    await createdTargetClearsClosedDoc(driver, root);
    rmSync(join(root, MISSING_TARGET.created)); // the next scenarios need the broken link back
  });
  add('shows the findings of an opened doc', async () => {
    await findingsOfOpenDoc(driver, root);
  });
  add('shows a newly typed broken link without saving', async () => {
    await typedBrokenLinkShowsWithoutSaving(driver, root);
    await discardEditors();
  });
  add('applies a quick fix and the finding disappears', async () => {
    await quickFixRemovesFinding(driver, root);
    await discardEditors();
  });
  add('expands the deprecation-notice snippet', async () => {
    await deprecationSnippetExpands(driver, root);
    await discardEditors();
  });
  add('archives a Streamlit doc', async () => {
    await archiveMovesDocAndRewritesLinks(driver, root);
  });
  return new Promise((resolveRun, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} e2e test(s) failed`)) : resolveRun()));
  });
}
