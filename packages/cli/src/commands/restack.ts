import { takeLock } from '@slipway/policy-core/node';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { applyRestack, planRestack } from '../deploy/restack.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';

export const restackCommand: Command = {
  name: 'restack',
  usage: `Usage: slipway restack ONTO [options]

Puts the record commits Slipway made (HEAD's commits that ONTO lacks, each with a
Slipway-Event: trailer, changing only the deploy record and the audit log) back on top of ONTO,
appending their audit entries after ONTO's with the hash chain redone and the record's
audit_head following. It is what a CI job runs when its push of the record is rejected because
another job appended to the log first: \`git rebase\` would conflict on the log, and resolving
that by hand breaks the chain (AUD002) and counts as a hand edit (REC006).

A commit that changed what production runs is restacked only when ONTO's record still says what
that command read; otherwise two production changes crossed, and it refuses. Nothing changes
unless every commit can be restacked.

Options:
  --dry-run      print what would be restacked and change nothing
  --repo DIR     repository (default: the working directory)`,
  run: async (ctx) => {
    const { values, positionals } = parseFlags(
      'restack',
      ctx.argv,
      { repo: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
      true,
    );
    if (positionals.length !== 1)
      throw new UserError('restack needs exactly one ONTO (the branch to restack onto, e.g. origin/main)');
    const onto = positionals[0] as string;
    const repo = await openRepoContext(ctx.cwd, values.repo);
    const deploy = repo.policy.policy.deploy;
    if (!deploy)
      throw new UserError(
        `${repo.policy.file}: the policy has no deploy: section; add one (see \`slipway init\`).`,
      );
    const out = ctx.stdout;
    const lock = values['dry-run'] ? undefined : await takeLock(repo.root, `slipway restack ${onto}`);
    try {
      const plan = await planRestack(repo.root, deploy, onto);
      if (plan.commits.length === 0) {
        out.write(`nothing to restack: HEAD has no commits that ${onto} lacks\n`);
        return 0;
      }
      for (const c of plan.commits)
        out.write(
          `  ${c.original.sha.slice(0, 12)} ${c.original.message.split('\n')[0]} (${c.entries} audit entr${c.entries === 1 ? 'y' : 'ies'})\n`,
        );
      if (values['dry-run']) {
        out.write(`dry run: would restack ${plan.commits.length} commit(s) onto ${onto}; nothing changed\n`);
        return 0;
      }
      const head = await applyRestack(repo.root, deploy, plan);
      out.write(
        `restacked ${plan.commits.length} commit(s) onto ${onto} (${plan.ontoSha.slice(0, 12)}): HEAD is now ${head.slice(0, 12)}, was ${plan.originalHead.slice(0, 12)}\n`,
      );
      return 0;
    } finally {
      lock?.release();
    }
  },
};
