import { singleCommandBundle } from './single-command-bundle.js';

/*
 * What dist/slipway-hook.cjs exports to the entry point (bin.ts): `slipway hook` alone. A coding
 * agent runs it before every tool call, so it is a script of its own, split where its modules load
 * (scripts/build-cli.mjs), each chunk with a code cache of its own (cli-bundle-loader.ts): every
 * call reads and deserialises only the part of the agent gate it runs.
 */
export const { run, isCommand } = singleCommandBundle('hook', () =>
  import('./commands/hook.js').then((m) => m.hookCommand),
);
