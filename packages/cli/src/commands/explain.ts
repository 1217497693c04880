import {
  allRules,
  explainPath,
  findRule,
  initDependencyReadersFor,
  matchesRuleFilter,
  pathRoles,
  printable,
  renderRuleDocs,
  ruleFamilyIds,
  withoutTrailingSlashes,
} from '@slipway/policy-core';
import type { Command, CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { openRepoContext } from '../repo-context.js';
import { explainChange } from './explain-change.js';
import { ruleSuggestion } from '../rule-filter.js';

export const explainCommand: Command = {
  name: 'explain',
  usage: `Usage: slipway explain <RULE-ID | FAMILY | path> [--repo DIR]
       slipway explain --list
       slipway explain --change [--base REF] [--head REF] [--branch NAME] [--repo DIR]

With a rule id, prints what the rule flags, why, and how to fix or suppress it.
With a family (PATH, BR, DEP, MIG, ...; upper case), lists its rules.
With a path, prints which pattern on which policy line decides whether it is protected and
whether agents may edit it, and what else Slipway reads it as: policy surface, a dependency file,
a migration (and which runner), the deploy record or audit log, the updater's config or state.
With --change, prints who Slipway thinks made the change (an agent or a human) and why: the
branch, pull request author, commit or trailer that decided, and the policy line or preset.`,
  run: async (ctx: CommandContext) => {
    const { values, positionals } = parseFlags('explain', ctx.argv, {
      repo: { type: 'string' },
      list: { type: 'boolean' },
      change: { type: 'boolean' },
      base: { type: 'string' },
      head: { type: 'string' },
      branch: { type: 'string' },
    });
    if (values.change) return explainChange(ctx, values);
    const list = (prefix?: string) => {
      for (const r of allRules())
        if (prefix === undefined || matchesRuleFilter(r.id, [prefix]))
          ctx.stdout.write(`${r.id.padEnd(7)} ${r.defaultSeverity.padEnd(7)} ${r.title}\n`);
    };
    if (values.list || positionals.length === 0) {
      list();
      return 0;
    }
    for (const arg of positionals) {
      // Upper case only: `slipway explain db` may well mean a directory named `db`.
      if (ruleFamilyIds().has(arg)) {
        list(arg);
        continue;
      }
      const rule = /^[A-Za-z]+\d+$/.test(arg) ? findRule(arg) : undefined;
      if (rule) {
        ctx.stdout.write(renderRuleDocs(rule, 'text'));
        continue;
      }
      if (/^[A-Za-z]+\d+$/.test(arg))
        throw new UserError(
          `unknown rule \`${arg}\`${ruleSuggestion(arg)}; run \`slipway explain --list\` for every rule`,
        );
      const context = await openRepoContext(ctx.cwd, values.repo);
      // A file a requirements pair includes is a dependency file: pip's parser says which.
      await initDependencyReadersFor([context.policy]);
      const explained = explainPath(context.policy, arg);
      const lines = [...explained.lines, ...pathRoles(context.policy, context.repo, arg)];
      // A path that is not there gets the policy's answer too (a file about to be added), said as such.
      const exists =
        context.repo.readFile(explained.path) !== undefined ||
        context.repo.listFiles().some((f) => f.startsWith(`${withoutTrailingSlashes(explained.path)}/`));
      // The path, the policy's patterns and file names are the repository's text (printable).
      if (!exists)
        ctx.stdout.write(`${printable(explained.path)} does not exist in this repository; if it did:\n`);
      ctx.stdout.write(
        lines.length
          ? `${lines.map(printable).join('\n')}\n`
          : `${printable(`${explained.path}: ${context.policy.file}`)} says nothing about it: not protected, no agents.allowed, not read as policy surface, a dependency file, a migration or deploy state\n`,
      );
    }
    return 0;
  },
};
