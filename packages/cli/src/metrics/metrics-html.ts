import {
  CHART_STYLE,
  chartFigure,
  type EnvironmentMetrics,
  environmentCharts,
  escapeHtml,
  type Figures,
  issueAt,
  jsonText,
  type MetricsResult,
  percent,
  shortDuration,
} from '@slipway/policy-core';

/** The page's own style; the charts' colours by who wrote the change are CHART_STYLE's. */
const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1b1f24; background: #fff; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 32px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { padding: 3px 10px; border-bottom: 1px solid #d0d7de; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 8px 0 20px; } figcaption { font-weight: 600; margin-bottom: 4px; }
.note { color: #9a6700; } .warning { color: #cf222e; }
`;

/**
 * One self-contained page (inline style, inline SVG, no script that runs, nothing fetched): per
 * environment the span's figures by author and a weekly chart per figure, human against agent;
 * then every note and audit log problem. The figures themselves are embedded as JSON
 * (`#slipway-metrics`, the same document as `--format json`) for whoever reads the page next.
 */
export function metricsHtml(m: MetricsResult): string {
  const body = m.environments.map(environmentSection);
  if (m.environments.length === 0) body.push('<p>No deploys in the audit log.</p>');
  const notes = [
    ...m.notes.map((n) => `<li class="note">${escapeHtml(`${m.auditLogPath}:${n.line}: ${n.message}`)}</li>`),
    ...m.issues.map((i) => `<li class="warning">${escapeHtml(`${issueAt(i)}: ${i.message}`)}</li>`),
  ];
  if (notes.length > 0) body.push(`<h2>What the figures could not use</h2><ul>${notes.join('')}</ul>`);
  // The JSON format's own escaping (no raw control or reordering character), and no `<` to end the block.
  const data = jsonText(m, 0).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Slipway delivery metrics</title><style>${STYLE}${CHART_STYLE}</style></head>
<body><h1>Delivery metrics</h1>
<p>From ${escapeHtml(m.auditLogPath)}. Weeks are ISO 8601 weeks in UTC; lead time (first commit to deploy) and time to restore are medians; a change is an agent's when the policy's agents wrote any of its commits.</p>
${body.join('\n')}
<script type="application/json" id="slipway-metrics">${data}</script>
</body></html>
`;
}

function environmentSection(env: EnvironmentMetrics): string {
  const open = env.openIncident
    ? `<p class="warning">Not restored yet: failing since ${escapeHtml(env.openIncident.since)} (audit log line ${env.openIncident.line}).</p>`
    : '';
  return [
    `<section data-environment="${escapeHtml(env.environment)}"><h2>${escapeHtml(env.environment)}</h2>`,
    summaryTable(env),
    open,
    ...environmentCharts(env).map(chartFigure),
    '</section>',
  ].join('\n');
}

function summaryTable(env: EnvironmentMetrics): string {
  const t = env.total;
  const rows: [string, string, Figures][] = [
    ['all', 'all', t.all],
    ['human', 'human', t.human],
    ['agent', 'agent', t.agent],
    ...Object.entries(t.agents).map(([name, f]): [string, string, Figures] => [`agent ${name}`, 'agent', f]),
    ...(t.unknown.deploys + t.unknown.failures > 0
      ? [['unknown (commit not in this clone)', 'unknown', t.unknown] as [string, string, Figures]]
      : []),
  ];
  const cells = rows.map(
    ([who, css, f]) =>
      `<tr class="${css}" data-who="${escapeHtml(who)}"><td>${escapeHtml(who)}</td><td data-figure="deploys">${f.deploys}</td><td data-figure="lead-time">${shortDuration(f.leadTime.medianSeconds)}${f.leadTime.unknown > 0 ? ` (+${f.leadTime.unknown} unknown)` : ''}</td><td data-figure="failures">${f.failures}</td><td data-figure="change-failure-rate">${percent(f.changeFailureRate)}</td><td data-figure="time-to-restore">${shortDuration(f.timeToRestore.medianSeconds)}</td></tr>`,
  );
  return `<table><thead><tr><th>who wrote the change</th><th>deploys</th><th>lead time</th><th>failures</th><th>failure rate</th><th>time to restore</th></tr></thead><tbody>${cells.join('')}</tbody></table>`;
}
