import { type HistoryResult, markdownCode, markdownText, type Wire } from '@slipway/lsp/protocol';

const short = (sha: string | null | undefined) => (sha ? markdownCode(sha.slice(0, 12)) : '—');
/**
 * The record and the log are the repository's text (reasons, names, environments, messages):
 * the markdown format's escaping keeps each in its cell or line, with no markup, comment or link.
 */
const cell = (text: string | undefined) => markdownText(text ?? '');

/** The record and the audit log as a person reads them: what runs now, any pin, then every entry newest first. */
export function historyMarkdown(folder: string, h: Wire<HistoryResult>): string {
  const out = [`# Deploy history: ${cell(folder)}`, ''];
  const r = h.record;
  if (r) {
    out.push(
      `**${cell(h.production)}** runs ${short(r.last_good_sha)} since ${cell(r.deployed_at)}` +
        `${r.actor ? `, by ${cell(`${r.actor.name} (${r.actor.kind})`)}` : ''}${r.reason ? ` — ${cell(r.reason)}` : ''}.`,
      '',
    );
    if (r.previous_sha) out.push(`Before that: ${short(r.previous_sha)}.`, '');
  } else {
    out.push(
      h.recordProblem
        ? `The record cannot be read: ${cell(h.recordProblem)}`
        : `No deploy is recorded in ${cell(h.recordPath)} yet.`,
      '',
    );
  }
  if (h.pin) {
    out.push(
      `> **Pinned** to ${short(h.pin.sha)}${h.pin.reason ? `: ${cell(h.pin.reason)}` : ''}. Promotes are refused until someone runs *Slipway: Unpin Production…*.`,
      '',
    );
  }
  if (h.pinLine) out.push(`> ${cell(h.pinLine)}`, '');
  if (h.environmentMismatch) out.push(`> ${cell(h.environmentMismatch)}`, '');
  out.push(`## ${cell(h.auditLogPath)}, newest first`, '');
  if (h.entries.length === 0) out.push('No entries.');
  else {
    out.push(
      '| time | event | environment | from → to | actor | outcome | reason |',
      '|---|---|---|---|---|---|---|',
    );
    for (const e of h.entries) {
      const event =
        e.event === 'SYSTEM_CORRECTION_EVENT'
          ? `**SYSTEM CORRECTION EVENT**${e.pin ? ' (pins)' : ''}`
          : cell(e.event);
      out.push(
        `| ${cell(e.time)} | ${event} | ${cell(e.environment)} | ${short(e.from)} → ${short(e.to)} | ${cell(`${e.actor.name} (${e.actor.kind})`)} | ${cell(e.outcome)} | ${cell(e.reason)} |`,
      );
    }
  }
  if (h.issues.length) {
    out.push('', '## Problems in the log', '');
    for (const i of h.issues) out.push(`- ${'line' in i ? `line ${i.line}: ` : ''}${cell(i.message)}`);
  }
  return `${out.join('\n')}\n`;
}
