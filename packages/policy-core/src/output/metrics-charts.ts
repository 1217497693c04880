import type { EnvironmentMetrics } from '../deploy/metrics/delivery-metrics.js';
import type { Figures } from '../deploy/metrics/metric-figures.js';
import { percent, shortDuration } from '../deploy/metrics/metric-format.js';
import { barChart, type Chart, lineChart, type Series } from './svg-chart.js';

const count = (v: number) => String(v);
const duration = (v: number) => shortDuration(v);
const rate = (v: number) => percent(v);

/**
 * An environment's weekly charts, one per figure, human against agent (and the deploys of commits
 * this clone lacks, when there are any): what the HTML report and the editor's history page draw.
 */
export function environmentCharts(env: EnvironmentMetrics): Chart[] {
  const weeks = env.weeks.map((w) => w.week);
  const by = (pick: (f: Figures) => number | null, withUnknown: boolean): Series[] => [
    { name: 'human', css: 'human', values: env.weeks.map((w) => pick(w.human)) },
    { name: 'agent', css: 'agent', values: env.weeks.map((w) => pick(w.agent)) },
    ...(withUnknown && env.weeks.some((w) => w.unknown.deploys > 0)
      ? [{ name: 'unknown', css: 'unknown', values: env.weeks.map((w) => pick(w.unknown)) }]
      : []),
  ];
  return [
    barChart(
      'Deploys per week',
      weeks,
      by((f) => f.deploys, true),
      count,
    ),
    lineChart(
      'Lead time for changes (median)',
      weeks,
      by((f) => f.leadTime.medianSeconds, false),
      duration,
    ),
    lineChart(
      'Change failure rate',
      weeks,
      by((f) => f.changeFailureRate, false),
      rate,
    ),
    lineChart(
      'Time to restore (median)',
      weeks,
      by((f) => f.timeToRestore.medianSeconds, false),
      duration,
    ),
  ];
}
