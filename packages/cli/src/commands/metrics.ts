import { isIsoWithOffset, jsonText, printable } from '@slipway/policy-core';
import { metrics } from '@slipway/policy-core/node';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { metricsHtml } from '../metrics/metrics-html.js';
import { metricsText } from '../metrics/metrics-text.js';
import { openPolicyContext } from '../repo-context.js';
import { writeReport } from '../write-output.js';

const FORMATS = ['text', 'json', 'html'] as const;

export const metricsCommand: Command = {
  name: 'metrics',
  usage: `Usage: slipway metrics [options]

Delivery figures from the audit log, per environment and per ISO week (UTC): deploys (succeeded
promotes), lead time for changes (the first commit a deploy brought, by author time, to the
deploy; median), change failure rate (failures over deploys and failed deploys: a failed
promote, or a rollback, charged to the change that failed, one per incident) and time to
restore (from the failed deploy, or the deploy a rollback undid, to the environment restored by
a rollback or a deploy; median). Each is
split by who wrote the deployed commits, as the policy's agents say (author, committer or a
Co-authored-by trailer): people, agents by name, and changes whose commits this clone lacks.

Options:
  --env NAME       only this environment
  --since DATE     count only from this date (YYYY-MM-DD, UTC) or time (RFC 3339) on
  --format FORMAT  text (default), json (docs/deploy-json.md), or html: one
                   self-contained page with a weekly chart per figure
  --output FILE    write the report to FILE (atomically) instead of stdout
  --repo DIR       repository (default: the working directory)`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'metrics',
      ctx.argv,
      {
        env: { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        repo: { type: 'string' },
      },
      false,
    );
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format))
      throw new UserError(`--format must be text, json or html, not "${values.format}"`);
    const since = values.since === undefined ? undefined : sinceOf(values.since);
    // The root and the policy only: the figures read the audit log, the deploy record and git's
    // commits, never the tree's files, so no listing and no migration parser is loaded.
    const repo = await openPolicyContext(ctx.cwd, values.repo, async () => undefined);
    if (!repo.policy.policy.deploy)
      throw new UserError(
        `${repo.policy.file}: the policy has no deploy: section; add one (see \`slipway init\`).`,
      );
    const m = await metrics({
      root: repo.root,
      policy: repo.policy,
      ...(values.env !== undefined ? { environment: values.env } : {}),
      ...(since !== undefined ? { since } : {}),
    });
    const text =
      format === 'json'
        ? `${jsonText(m)}\n`
        : format === 'html'
          ? metricsHtml(m)
          : // Environment names and messages come from the files: no control character prints.
            metricsText(m).split('\n').map(printable).join('\n');
    writeReport(text, values.output, ctx.cwd, ctx.stdout);
    return 0;
  },
};

/** --since as an instant: a date is its midnight UTC; anything else is one clear line. */
function sinceOf(value: string): number {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  if (!isIsoWithOffset(date) || Number.isNaN(Date.parse(date)))
    throw new UserError(`--since must be a date (2026-01-31) or an RFC 3339 time, not "${value}"`);
  return Date.parse(date);
}
