import { startServer } from './start-server.js';
import { startupMark } from './startup-trace.js';

// The bundled entry (dist/server.mjs): `node server.mjs --stdio`. `slipway lsp` starts the same server.
// The process's start (when node began) and the bundle's evaluation done (every static import).
startupMark('server process started', Math.round(performance.timeOrigin));
startupMark('server bundle loaded');
startServer();
