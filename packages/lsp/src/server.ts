import { startServer } from './start-server.js';
import { startupMark, startupMarkProcessStart } from './startup-trace.js';

// The bundled entry (dist/server.mjs): `node server.mjs --stdio`. `slipway lsp` starts the same server.
// The process's start (when node began) and the bundle's evaluation done (every static import).
startupMarkProcessStart('server process started');
startupMark('server bundle loaded');
startServer();
