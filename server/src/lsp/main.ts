import { startLanguageServer } from './start';

/** Entry of the bundled server (`dist/server.cjs`): the VS Code client starts it over IPC, other editors over stdio. */
startLanguageServer();
