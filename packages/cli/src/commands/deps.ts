import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  dependencyPairs,
  type LockSyncPlan,
  parsePolicyText,
  planLockSync,
  type PolicyDocument,
  printable,
} from '@slipway/policy-core';
import { findRoot, loadPolicy, openRepo, writeRepoFile } from '@slipway/policy-core/node';
import type { Command, CommandContext } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { invalidPolicyError, missingPolicyError } from '../policy-errors.js';

export const depsCommand: Command = {
  name: 'deps',
  usage: `Usage: slipway deps lock [--requirements FILE --lock FILE] [--check] [--repo DIR]

Rewrites each lock named in slipway.yaml's \`dependencies:\` so that it mirrors its requirements
file: changed pins are updated, missing packages added (in sorted position when the lock is
sorted), and with \`mode: mirror\` packages the requirements no longer name are removed.
Everything else stays as it is: hashes of unchanged entries, \`# via\` comments, the header and
the order. An entry whose version changes loses its old hashes (regenerate them with
pip-compile --generate-hashes). Every requirement must be pinned with == first.

Options:
  --requirements FILE  only this requirements file (with --lock; works without a policy)
  --lock FILE          the lock to write for it
  --check              write nothing; exit 1 when a lock is out of date
  --repo DIR           the repository (default: the current directory's)`,
  run: runDeps,
};

/** A path given on the command line, as a repo-relative POSIX path. */
function repoPath(root: string, cwd: string, p: string, flag: string): string {
  const rel = relative(root, resolve(cwd, p));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
    throw new UserError(`slipway deps lock: ${flag} ${p} is outside the repository ${root}`);
  return rel.split(sep).join('/');
}

function adHocPolicy(requirements: string, lock: string): PolicyDocument {
  const text = `version: 1\ndependencies:\n  requirements: ${JSON.stringify(requirements)}\n  lock: ${JSON.stringify(lock)}\n`;
  const parsed = parsePolicyText(text, 'slipway.yaml');
  if (!parsed.document) throw new UserError('slipway deps lock: cannot build a policy for these files');
  return parsed.document;
}

function summary(plan: LockSyncPlan): string {
  const parts = [
    plan.added.length ? `added ${plan.added.join(', ')}` : '',
    plan.updated.length ? `updated ${plan.updated.join(', ')}` : '',
    plan.removed.length ? `removed ${plan.removed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'reformatted';
}

async function runDeps(ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = ctx.argv;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    ctx.stdout.write(`${depsCommand.usage}\n`);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'lock')
    throw new UserError(`slipway deps: unknown subcommand \`${sub}\` (see \`slipway deps --help\`)`);
  const { values } = parseFlags(
    'deps lock',
    rest,
    {
      requirements: { type: 'string' },
      lock: { type: 'string' },
      check: { type: 'boolean' },
      repo: { type: 'string' },
    },
    false,
  );
  if ((values.requirements === undefined) !== (values.lock === undefined))
    throw new UserError(
      'slipway deps lock: give both --requirements FILE and --lock FILE, or neither (then the policy names them)',
    );
  const { root } = await findRoot(resolve(ctx.cwd, values.repo ?? '.'));
  let policy: PolicyDocument;
  let only: { requirements: string; lock: string } | undefined;
  const loaded = loadPolicy(root);
  if (values.requirements !== undefined && values.lock !== undefined) {
    only = {
      requirements: repoPath(root, ctx.cwd, values.requirements, '--requirements'),
      lock: repoPath(root, ctx.cwd, values.lock, '--lock'),
    };
    // A pair the policy configures keeps its settings (mode, format); any other gets the defaults.
    const pairs = loaded.kind === 'ok' ? dependencyPairs(loaded.document.policy) : [];
    const configured = pairs.some(
      ({ pair }) => pair.requirements === only?.requirements && pair.lock === only?.lock,
    );
    policy = configured && loaded.kind === 'ok' ? loaded.document : adHocPolicy(only.requirements, only.lock);
  } else {
    if (loaded.kind === 'missing') throw missingPolicyError(root);
    if (loaded.kind === 'invalid') throw invalidPolicyError(loaded.findings);
    policy = loaded.document;
  }
  const repo = await openRepo(root);
  const plans = planLockSync({ policy, repo, now: new Date(), env: ctx.env }, only);
  if (plans.length === 0)
    throw new UserError(
      `slipway deps lock: ${policy.file} configures no \`dependencies:\`; add a requirements/lock pair or pass --requirements and --lock`,
    );
  let failed = false;
  for (const plan of plans) {
    if (plan.problems.length > 0 || plan.after === undefined) {
      failed = true;
      ctx.stderr.write(
        `slipway deps lock: cannot regenerate ${printable(plan.lock)}:\n${plan.problems.map((p) => `  ${printable(p)}\n`).join('')}`,
      );
      continue;
    }
    if (plan.after === plan.before) {
      ctx.stdout.write(`${printable(`${plan.lock} is up to date with ${plan.requirements}`)}\n`);
      continue;
    }
    if (values.check) {
      failed = true;
      ctx.stdout.write(
        `${printable(`${plan.lock} is out of date with ${plan.requirements} (${summary(plan)})`)}; run \`slipway deps lock\`\n`,
      );
      continue;
    }
    writeRepoFile(root, plan.lock, plan.after);
    ctx.stdout.write(
      `wrote ${printable(`${plan.lock}: ${plan.before === undefined ? 'created' : summary(plan)}`)}\n`,
    );
    for (const n of plan.notes) ctx.stdout.write(`  note: ${printable(n)}\n`);
  }
  return failed ? 1 : 0;
}
