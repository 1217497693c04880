import {
  chartImageUri,
  environmentCharts,
  type Figures,
  type MetricsResult,
  markdownText,
  percent,
  shortDuration,
  type Wire,
} from '@slipway/lsp/protocol';

/** Weeks shown per environment on the page: the rest are `slipway metrics`'s. */
const WEEKS = 12;

const cell = (text: string) => markdownText(text);

/** Short cells, so that a table stays one line a row in the preview. */
function row(label: string, f: Figures): string {
  return `| ${label} | ${f.deploys} | ${shortDuration(f.leadTime.medianSeconds)} | ${percent(f.changeFailureRate)} | ${shortDuration(f.timeToRestore.medianSeconds)} |`;
}

/**
 * The delivery figures on the history page: per environment, the span's by who wrote the
 * changes (people, each agent by name, unknown), then the last weeks, human against agent, and
 * every note and log problem by line. Each environment's weekly charts (the ones `slipway metrics
 * --format html` draws) come after its tables as images: SVG in `data:` URIs, which the Markdown
 * preview shows without fetching anything or running a script.
 */
export function metricsMarkdown(m: Wire<MetricsResult>): string {
  const out = ['## Delivery metrics', '', 'ISO weeks in UTC; lead time and time to restore are medians.', ''];
  if (m.environments.length === 0) out.push('No deploys in the audit log yet.', '');
  for (const env of m.environments) {
    const t = env.total;
    out.push(
      `### ${cell(env.environment)}`,
      '',
      '| who wrote it | deploys | lead time | failure rate | restore |',
      '|---|--:|--:|--:|--:|',
    );
    out.push(row('all', t.all), row('human', t.human), row('agent', t.agent));
    for (const [name, f] of Object.entries(t.agents)) out.push(row(`agent ${cell(name)}`, f));
    if (t.unknown.deploys > 0) out.push(row('unknown', t.unknown));
    out.push(
      '',
      '| week | deploys (human / agent) | lead time (human / agent) | failure rate |',
      '|---|--:|--:|--:|',
    );
    for (const w of env.weeks.slice(-WEEKS).reverse())
      out.push(
        `| ${w.week} | ${w.all.deploys} (${w.human.deploys} / ${w.agent.deploys}) | ${shortDuration(w.human.leadTime.medianSeconds)} / ${shortDuration(w.agent.leadTime.medianSeconds)} | ${percent(w.all.changeFailureRate)} |`,
      );
    if (env.openIncident)
      out.push(
        '',
        `> Not restored yet: failing since ${cell(env.openIncident.since)} (log line ${env.openIncident.line}).`,
      );
    out.push('');
    for (const chart of environmentCharts(env))
      out.push(`![${cell(chart.title)}](${chartImageUri(chart)})`, '');
  }
  for (const n of m.notes) out.push(`- line ${n.line}: ${cell(n.message)}`);
  for (const i of m.issues)
    out.push(`- ${cell(i.file)}${i.line !== undefined ? ` line ${i.line}` : ''}: ${cell(i.message)}`);
  return `${out.join('\n')}\n`;
}
