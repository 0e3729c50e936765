import * as vscode from 'vscode';

/** What the server reports in `adrift/status`. */
export interface ServerStatus {
  state: 'indexing' | 'ready';
  done: number;
  total: number;
  errors: number;
  warnings: number;
}

/** The workspace's adrift error / warning counts, and indexing progress while it runs. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('adrift.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'adrift';
    this.item.command = 'workbench.actions.view.problems';
    this.item.text = '$(sync~spin) adrift';
    this.item.tooltip = 'adrift: starting';
    this.item.show();
  }

  update(status: ServerStatus): void {
    const format = (n: number) => n.toLocaleString('en-US');
    if (status.state === 'indexing') {
      this.item.text = `$(sync~spin) adrift ${format(status.done)} / ${format(status.total)}`;
      this.item.tooltip = `adrift: indexing docs ${format(status.done)} / ${format(status.total)}`;
      return;
    }
    this.item.text = `$(error) ${format(status.errors)} $(warning) ${format(status.warnings)} adrift`;
    this.item.tooltip = `adrift: ${format(status.errors)} errors, ${format(status.warnings)} warnings in the docs. Click for the Problems panel.`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
