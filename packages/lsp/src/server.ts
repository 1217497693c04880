import { startServer } from './start-server.js';

// The bundled entry (dist/server.mjs): `node server.mjs --stdio`. `slipway lsp` starts the same server.
startServer();
