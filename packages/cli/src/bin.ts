import { main } from './main.js';

// The bundled entry point (dist/slipway.mjs). Exit only after stdout has drained, so that large
// JSON or SARIF output piped to another program is never cut short.
const code = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
