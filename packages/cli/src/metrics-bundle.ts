import { singleCommandBundle } from './single-command-bundle.js';

/*
 * What dist/slipway-metrics.cjs exports to the entry point (bin.ts): `slipway metrics` alone, a
 * sixth of the whole CLI's script. Its figures over a long audit log must come within a second,
 * and reading and deserialising every command's code was a tenth of that.
 */
export const { run, isCommand } = singleCommandBundle('metrics', () =>
  import('./commands/metrics.js').then((m) => m.metricsCommand),
);
