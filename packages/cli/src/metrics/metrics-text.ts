import { type Figures, issueAt, type MetricsResult, percent, shortDuration } from '@slipway/policy-core';

/** One row's cells: deploys, lead time, failure rate, time to restore. */
function cells(f: Figures): string[] {
  const unknown = f.leadTime.unknown > 0 ? ` (${f.leadTime.unknown} unknown)` : '';
  return [
    String(f.deploys),
    `${shortDuration(f.leadTime.medianSeconds)}${unknown}`,
    f.failures > 0 ? `${percent(f.changeFailureRate)} (${f.failures})` : percent(f.changeFailureRate),
    shortDuration(f.timeToRestore.medianSeconds),
  ];
}

const HEAD = ['week', 'who', 'deploys', 'lead time', 'failure rate', 'restore'];

/**
 * A compact table per environment: one row per week and author (all, human, agent, each agent
 * by name, unknown when some change could not be attributed), then the whole span; then every
 * note and audit log problem, by line, so that nothing the figures left out goes unsaid.
 */
export function metricsText(m: MetricsResult): string {
  const out: string[] = [];
  out.push('Weeks are ISO 8601 weeks in UTC; lead time and time to restore are medians.');
  for (const env of m.environments) {
    const rows: string[][] = [];
    for (const w of [...env.weeks, { week: 'total', ...env.total }]) {
      if (w.all.deploys === 0 && w.all.failures === 0 && w.week !== 'total') continue;
      rows.push([w.week, 'all', ...cells(w.all)]);
      if (w.human.deploys + w.human.failures > 0) rows.push(['', 'human', ...cells(w.human)]);
      for (const [name, f] of Object.entries(w.agents)) rows.push(['', `agent ${name}`, ...cells(f)]);
      if (w.unknown.deploys + w.unknown.failures > 0) rows.push(['', 'unknown', ...cells(w.unknown)]);
    }
    out.push('', `${env.environment}:`, ...table([HEAD, ...rows]));
    const o = env.openIncident;
    if (o)
      out.push(
        `  not restored yet: failing since ${o.since} (${m.auditLogPath}:${o.line}, ${o.agent ? `agent ${o.agent}` : o.authorship})`,
      );
  }
  if (m.environments.length === 0) out.push('', '(no deploys in the audit log)');
  for (const n of m.notes) out.push(`note: ${m.auditLogPath}:${n.line}: ${n.message}`);
  for (const i of m.issues) out.push(`warning: ${issueAt(i)}: ${i.message}`);
  return `${out.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    `  ${r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  ')}`.trimEnd(),
  );
}
