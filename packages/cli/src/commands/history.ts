import { jsonText, printable } from '@slipway/policy-core';
import { history } from '@slipway/policy-core/node';
import { printAgentDecisions } from '../hook/print-decisions.js';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { deployFormat } from '../deploy/command-context.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';

export const historyCommand: Command = {
  name: 'history',
  usage: `Usage: slipway history [options]

Prints what the deploy record says production runs (and whether it is pinned: by the record, or
by a rollback in the audit log that no UNPIN followed), then the audit log's entries, newest
last, with problems in either (torn lines, a broken chain) as warnings.

Options:
  --env NAME       only entries for this environment
  --limit N        the last N entries (default 20; 0 for all)
  --format FORMAT  text (default) or json: the record, the pin (or null) and the entries
                   (oldest first) as JSON; "line" fields (entries and issues) are 1-based line
                   numbers of the audit log, as in the text output (docs/deploy-json.md)
  --json           the same as --format json
  --agent-decisions
                   instead: the agent gate's decision log (slipway hook): each refused or
                   questioned tool call, newest last, with its rules and reasons
  --repo DIR       repository (default: the working directory)`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'history',
      ctx.argv,
      {
        env: { type: 'string' },
        limit: { type: 'string', default: '20' },
        json: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        repo: { type: 'string' },
        'agent-decisions': { type: 'boolean', default: false },
      },
      false,
    );
    const json = deployFormat('history', values.format) || values.json === true;
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0)
      throw new UserError(`--limit must be a whole number, not "${values.limit}"`);
    if (values['agent-decisions']) return printAgentDecisions(ctx, values.repo, limit, json);
    const repo = await openRepoContext(ctx.cwd, values.repo);
    const deploy = repo.policy.policy.deploy;
    if (!deploy)
      throw new UserError(
        `${repo.policy.file}: the policy has no deploy: section; add one (see \`slipway init\`).`,
      );
    const h = await history({
      root: repo.root,
      policy: repo.policy,
      ...(values.env !== undefined ? { environment: values.env } : {}),
      limit,
    });
    // The log's order (oldest first), as the text prints it.
    const entries = [...h.entries].reverse();
    if (json) {
      ctx.stdout.write(`${jsonText({ record: h.record, pin: h.pin, entries, issues: h.issues })}\n`);
      return 0;
    }
    // Reasons, names and messages are free text from the command line or the files: a newline in
    // one must not print as a line of history it is not.
    const o = { write: (line: string) => ctx.stdout.write(`${printable(line.replace(/\n$/, ''))}\n`) };
    const r = h.record;
    const pin = h.pin;
    if (h.recordProblem) o.write(`${deploy.record}: ${h.recordProblem}\n`);
    else if (!r) {
      o.write(`${deploy.record}: no production deploy recorded yet\n`);
      if (pin) o.write(`  PINNED (per the audit log): ${h.pinLine}\n`);
    } else {
      o.write(
        `${deploy.production}: ${r.last_good_sha} since ${r.deployed_at}${r.actor ? ` by ${r.actor.name} (${r.actor.kind})` : ''}\n`,
      );
      if (h.environmentMismatch) o.write(`warning: ${h.environmentMismatch}\n`);
      if (pin?.source === 'record')
        o.write(`  PINNED: ${pin.reason ?? 'no reason'} (clear with \`slipway unpin --reason\`)\n`);
      else if (pin) o.write(`  PINNED (per the audit log): ${h.pinLine}\n`);
      for (const b of r.history ?? [])
        o.write(
          `  before: ${b.sha.slice(0, 12)} ${b.event} at ${b.deployed_at}${b.reason ? ` (${b.reason})` : ''}\n`,
        );
    }
    for (const issue of h.issues) {
      o.write(`warning: ${deploy.audit_log}${'line' in issue ? `:${issue.line}` : ''}: ${issue.message}\n`);
    }
    for (const e of entries) {
      const move = e.to
        ? `${e.from ? e.from.slice(0, 12) : '(none)'} -> ${e.to.slice(0, 12)}`
        : e.from
          ? e.from.slice(0, 12)
          : '';
      o.write(
        `${e.time}  ${e.event.padEnd(23)} ${e.environment.padEnd(11)} ${e.outcome.padEnd(9)} ${move}  ${e.actor.name} (${e.actor.kind})${e.reason ? `: ${e.reason}` : ''}\n`,
      );
      // Why a deploy failed or was refused, who broke the glass and in which window, and a deploy
      // that skipped staging or its guard are what a person reading the history is looking for;
      // the rest stays in the log.
      const worth =
        e.outcome === 'failed' || e.outcome === 'refused' || e.event === 'BREAK_GLASS'
          ? (e.details ?? [])
          : (e.details ?? []).filter((d) => d.startsWith('staging skipped') || /^guard\b.*skipped/.test(d));
      for (const d of worth.slice(0, 5)) o.write(`    ${d}\n`);
      if (worth.length > 5) o.write(`    … and ${worth.length - 5} more (slipway history --json)\n`);
    }
    if (entries.length === 0) o.write('(no audit entries)\n');
    return 0;
  },
};
