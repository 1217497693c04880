import { printable } from '@slipway/policy-core';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { environmentMismatch, readDeployState } from '../deploy/deploy-state.js';
import { lostPinLine, productionPin } from '../deploy/pin-state.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';

export const historyCommand: Command = {
  name: 'history',
  usage: `Usage: slipway history [options]

Prints what the deploy record says production runs (and whether it is pinned: by the record, or
by a rollback in the audit log that no UNPIN followed), then the audit log's entries, newest
last, with problems in either (torn lines, a broken chain) as warnings.

Options:
  --env NAME     only entries for this environment
  --limit N      the last N entries (default 20; 0 for all)
  --json         the record, the pin (or null) and the entries as JSON; "line" fields
                 (entries and issues) are 1-based line numbers of the audit log, as in the
                 text output
  --repo DIR     repository (default: the working directory)`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'history',
      ctx.argv,
      {
        env: { type: 'string' },
        limit: { type: 'string', default: '20' },
        json: { type: 'boolean', default: false },
        repo: { type: 'string' },
      },
      false,
    );
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0)
      throw new UserError(`--limit must be a whole number, not "${values.limit}"`);
    const repo = await openRepoContext(ctx.cwd, values.repo);
    const deploy = repo.policy.policy.deploy;
    if (!deploy)
      throw new UserError(
        `${repo.policy.file}: the policy has no deploy: section; add one (see \`slipway init\`).`,
      );
    const state = readDeployState(repo.root, deploy);
    // A typo would print "(no audit entries)", which reads as "nothing happened there"; an
    // environment the policy no longer has but the log remembers is still worth listing.
    const logged = new Set(state.log.entries.map((e) => e.event.environment));
    if (values.env !== undefined && !(values.env in deploy.environments) && !logged.has(values.env)) {
      const known = Object.keys(deploy.environments).map((k) => `"${k}"`);
      throw new UserError(
        `${repo.policy.file}: unknown environment "${values.env}" for --env; the policy defines ${known.join(', ') || 'none'}, and the audit log names no other.`,
      );
    }
    let entries = state.log.entries.filter((e) => !values.env || e.event.environment === values.env);
    if (limit > 0) entries = entries.slice(-limit);
    // The pin as the record and the log together say (a hand edit can drop the record's copy).
    const pin = productionPin(state);
    if (values.json) {
      ctx.stdout.write(
        `${JSON.stringify({ record: state.record ?? null, pin: pin ?? null, entries: entries.map((e) => ({ line: e.line + 1, ...e.event })), issues: state.log.issues.map((i) => ('line' in i ? { ...i, line: i.line + 1 } : i)) }, null, 2)}\n`,
      );
      return 0;
    }
    // Reasons, names and messages are free text from the command line or the files: a newline in
    // one must not print as a line of history it is not.
    const o = { write: (line: string) => ctx.stdout.write(`${printable(line.replace(/\n$/, ''))}\n`) };
    const r = state.record;
    if (state.parsed?.problems.length)
      o.write(`${deploy.record}: ${state.parsed.problems[0]?.rule} ${state.parsed.problems[0]?.message}\n`);
    else if (!r) {
      o.write(`${deploy.record}: no production deploy recorded yet\n`);
      if (pin) o.write(`  PINNED (per the audit log): ${lostPinLine(state, pin)}\n`);
    } else {
      o.write(
        `${deploy.production}: ${r.last_good_sha} since ${r.deployed_at}${r.actor ? ` by ${r.actor.name} (${r.actor.kind})` : ''}\n`,
      );
      const mismatch = environmentMismatch(state);
      if (mismatch) o.write(`warning: ${mismatch}\n`);
      if (pin?.source === 'record')
        o.write(`  PINNED: ${pin.reason ?? 'no reason'} (clear with \`slipway unpin --reason\`)\n`);
      else if (pin) o.write(`  PINNED (per the audit log): ${lostPinLine(state, pin)}\n`);
      for (const h of r.history ?? [])
        o.write(
          `  before: ${h.sha.slice(0, 12)} ${h.event} at ${h.deployed_at}${h.reason ? ` (${h.reason})` : ''}\n`,
        );
    }
    for (const issue of state.log.issues) {
      o.write(
        `warning: ${deploy.audit_log}${'line' in issue ? `:${issue.line + 1}` : ''}: ${issue.message}\n`,
      );
    }
    for (const { event: e } of entries) {
      const move = e.to
        ? `${e.from ? e.from.slice(0, 12) : '(none)'} -> ${e.to.slice(0, 12)}`
        : e.from
          ? e.from.slice(0, 12)
          : '';
      o.write(
        `${e.time}  ${e.event.padEnd(23)} ${e.environment.padEnd(11)} ${e.outcome.padEnd(9)} ${move}  ${e.actor.name} (${e.actor.kind})${e.reason ? `: ${e.reason}` : ''}\n`,
      );
      // Why a deploy failed or was refused, and a production deploy that skipped staging, are
      // what a person reading the history is looking for; the rest stays in the log.
      const worth =
        e.outcome === 'failed' || e.outcome === 'refused'
          ? (e.details ?? [])
          : (e.details ?? []).filter((d) => d.startsWith('staging skipped'));
      for (const d of worth.slice(0, 5)) o.write(`    ${d}\n`);
      if (worth.length > 5) o.write(`    … and ${worth.length - 5} more (slipway history --json)\n`);
    }
    if (entries.length === 0) o.write('(no audit entries)\n');
    return 0;
  },
};
