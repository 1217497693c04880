import { singleCommandBundle } from './single-command-bundle.js';

/*
 * What dist/slipway-hook.cjs exports to the entry point (bin.ts): `slipway hook` alone. A coding
 * agent runs it before every tool call, so it is a script of its own, a third of the size of the
 * whole CLI's, with a code cache of its own (cli-bundle-loader.ts): every call reads and
 * deserialises only the agent gate.
 */
export const { run, isCommand } = singleCommandBundle('hook', () =>
  import('./commands/hook.js').then((m) => m.hookCommand),
);
