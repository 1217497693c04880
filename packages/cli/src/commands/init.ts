import { join } from 'node:path';
import {
  findRoot,
  planPolicyFile,
  writeAgentFiles,
  starterTestsLine,
  writeRepoFile,
  writeStarterTests,
} from '@slipway/policy-core/node';
import {
  agentsNamed,
  lineDiff,
  mergePolicyText,
  parsePolicyText,
  POLICY_TEST_FILE,
  printable,
  printableLines,
  starterTestFile,
} from '@slipway/policy-core';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { GUARD_WORKFLOW, githubWorkflows, writeGithubWorkflows } from '../ci-workflows.js';
import { repoDir } from '../repo-context.js';

/** The composite action at the root of Slipway's repository, as workflows refer to it. */
const DEFAULT_ACTION = 'slipway-dev/slipway@v1';

export const initCommand: Command = {
  name: 'init',
  usage: `Usage: slipway init [--repo DIR] [--dry-run] [--force | --merge] [--production-branch NAME] [--ci github [--action REF]]
       slipway init --agents [all | claude,codex,copilot,cursor,gemini] [--repo DIR] [--dry-run]

Writes slipway.yaml from what the repository holds and prints one line per decision:
requirements files paired with the locks beside them (pip-tools x.in → x.txt, plain requirements
and their lock, uv.lock, poetry.lock; a lock that does not exist is never named), package.json
files with npm's, pnpm's, Yarn's or Bun's lock and their workspaces, Alembic trees (alembic.ini's
script_location), Django apps' migrations, Prisma's and Drizzle's .sql series, the JS/TS folders
of Knex, TypeORM, Sequelize, Kysely and MikroORM, folders of .sql migrations, the deploy record
and the updater config; what it sees and cannot judge it names. It reads the files git tracks.
Protected paths are the migrations, CI workflows, the policy and the deploy state found; agents
may edit docs/ when it exists. The production branch is origin's default branch, else main
or master, else the branch checked out. Needs a git repository.

--dry-run prints the policy on stdout (the decisions on stderr) and writes nothing. An existing
policy is kept: init shows the diff of what would change and exits 2 unless --force (replace it)
or --merge is given. --merge keeps every word of the existing policy and adds only what it lacks:
missing sections, missing keys of migrations, deploy, update and protected, protected paths and
dependency pairs not listed. It never turns a rule off, widens agents.allowed, or adds
applied_through or a non-PostgreSQL dialect (they judge less): those it names for you to add.

--ci github also writes the GitHub Actions workflows the policy has sections for: the guard on
pull requests and pushes always; with a deploy section, promote through an environment that needs
a reviewer, "Rollback to last good" and the health watch (in its own production-watch environment,
without reviewers, so it can roll back unattended). It keeps an existing slipway.yaml (even with
--force, which then replaces only the generated workflows) and writes one only when there is none.
--action names the Slipway action they use (default ${DEFAULT_ACTION}).

--agents writes, instead of the policy, each named agent's hook (\`slipway hook AGENT\` before every
tool call that writes a file or runs a command) and its MCP server entry (\`slipway mcp\`):
.claude/settings.json and .mcp.json; .codex/hooks.json and .codex/config.toml; .github/hooks/slipway.json
and .vscode/mcp.json; .cursor/hooks.json and .cursor/mcp.json; .gemini/settings.json. It merges
with what the files hold (your hooks, settings, servers and comments stay) and never replaces an
entry of its own you edited; a second run changes nothing. A file that does not parse, or is a
link out of the repository, stops it before anything is written. See docs/guides/agents.md.`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'init',
      agentsFlagAlone(ctx.argv),
      {
        agents: { type: 'string' },
        repo: { type: 'string' },
        force: { type: 'boolean' },
        merge: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'production-branch': { type: 'string' },
        ci: { type: 'string' },
        action: { type: 'string' },
      },
      false,
    );
    if (values.agents !== undefined) {
      const others = ['force', 'merge', 'production-branch', 'ci', 'action'] as const;
      const mixed = others.find((o) => values[o] !== undefined);
      if (mixed)
        throw new UserError(
          `--agents writes the agents' files only; run \`slipway init --${mixed}\` on its own`,
        );
      return initAgents(ctx, repoDir(ctx.cwd, values.repo), values.agents, values['dry-run'] === true);
    }
    if (values.ci !== undefined && values.ci !== 'github')
      throw new UserError(`unknown CI \`${values.ci}\` for --ci; only \`github\` is supported`);
    const plan = await planPolicyFile(repoDir(ctx.cwd, values.repo), {
      productionBranch: values['production-branch'],
      // The guard workflow is written whatever the sections: .github/workflows/ is then protected.
      alsoWriting: values.ci ? [GUARD_WORKFLOW] : [],
    }).catch((e: Error) => {
      throw new UserError(e.message);
    });
    if (!plan.ok) throw new UserError(plan.reason);
    if (values.force && values.merge)
      throw new UserError('--force replaces the policy and --merge keeps it: pass one');
    const { root, existing } = plan;
    const dryRun = values['dry-run'] === true;
    if (values.merge && existing && values.ci === undefined) {
      if (existing.path.endsWith('.toml'))
        throw new UserError(
          `${existing.path} is TOML; --merge edits YAML policies: run with --dry-run and merge by hand`,
        );
      const merged = mergePolicyText(existing.text, plan.text, existing.path);
      if (!merged.ok) throw new UserError(merged.reason);
      for (const d of plan.detected.decisions) ctx.stderr.write(`${printable(d)}\n`);
      // What is written must still be a policy: a merge never leaves a broken file behind.
      const check = parsePolicyText(merged.text, existing.path);
      if (!check.document)
        throw new UserError(
          `the merged policy would not be valid (${check.findings[0]?.message ?? 'unknown'}); nothing written, merge by hand`,
        );
      for (const k of merged.kept) ctx.stdout.write(`kept: ${printable(k)}\n`);
      if (merged.added.length === 0) {
        ctx.stdout.write(`${existing.path} already has everything init found; nothing added\n`);
        if (!dryRun) await starterTests(ctx, root, existing.path, merged.text, plan.files);
        return 0;
      }
      for (const a of merged.added) ctx.stdout.write(`added: ${printable(a)}\n`);
      if (dryRun)
        ctx.stdout.write(
          printableLines(
            lineDiff(existing.text, merged.text, {
              before: existing.path,
              after: `${existing.path} (merged)`,
            }),
          ),
        );
      else {
        writeRepoFile(root, existing.path, merged.text);
        ctx.stdout.write(`merged into ${join(root, existing.path)}\n`);
        const tests = await starterTests(ctx, root, existing.path, merged.text, plan.files);
        ctx.stdout.write(nextSteps(existing.path, false, /^deploy:/m.test(merged.text), tests));
      }
      return 0;
    }
    // With --dry-run stdout is the policy alone, so it can be redirected into a file.
    const say = (line: string) => (dryRun ? ctx.stderr : ctx.stdout).write(`${printable(line)}\n`);
    for (const d of plan.detected.decisions) say(d);
    // --ci never replaces a policy: with it, --force is about the workflows only.
    const keepPolicy = existing !== undefined && values.ci !== undefined;
    if (existing && !values.force && !keepPolicy && !dryRun) {
      const diff = lineDiff(existing.text, plan.text, {
        before: existing.path,
        after: `${plan.path} (slipway init)`,
      });
      ctx.stdout.write(printableLines(diff || `${existing.path} already holds what init would write\n`));
      throw new UserError(
        `${existing.path} already exists in ${root}; pass --merge to add what it lacks, or --force to replace it (the diff above is what would change)`,
      );
    }
    // slipway.yaml would win over a .yml or .toml policy left beside it: refuse rather than shadow it.
    if (existing && existing.path !== plan.path && values.force && !keepPolicy && !dryRun)
      throw new UserError(
        `${existing.path} is the policy in ${root} and init writes ${plan.path}, which would take its place unseen; remove ${existing.path} first, or run with --dry-run and merge by hand`,
      );
    if (dryRun) {
      if (existing) {
        const diff = lineDiff(existing.text, plan.text, { before: existing.path, after: plan.path });
        ctx.stderr.write(printableLines(diff || `${existing.path} already holds what init would write\n`));
      }
      ctx.stdout.write(plan.text);
      const { count } = await starterTestFile(parsedOrThrow(plan.text, plan.path), { files: plan.files });
      if (count > 0)
        say(`would write ${join(root, POLICY_TEST_FILE)} (${count} starter cases), unless one is there`);
    }
    if (values.ci) {
      const policyText = keepPolicy ? existing.text : plan.text;
      const policyPath = keepPolicy ? existing.path : plan.path;
      const deploy = parsePolicyText(policyText, policyPath).document?.policy.deploy !== undefined;
      if (!deploy)
        say(`${policyPath} has no deploy section: only the guard workflow (no promote, rollback or watch)`);
      const options = { productionBranch: plan.productionBranch, action: values.action ?? DEFAULT_ACTION };
      if (dryRun) {
        for (const f of githubWorkflows(options, { deploy })) say(`would write ${join(root, f.path)}`);
      } else {
        const written = writeGithubWorkflows(root, options, { deploy }, values.force);
        for (const path of written) ctx.stdout.write(`wrote ${join(root, path)}\n`);
      }
      if (keepPolicy) {
        say(`kept ${join(root, existing.path)}`);
        if (!dryRun) await starterTests(ctx, root, existing.path, existing.text, plan.files);
        return 0;
      }
    }
    if (dryRun) return 0;
    const target = join(root, plan.path);
    // 'create' unless replacing: a policy that appeared since the plan is never overwritten unasked.
    writeRepoFile(root, plan.path, plan.text, existing && values.force ? 'replace' : 'create');
    ctx.stdout.write(`wrote ${target}\n`);
    const tests = await starterTests(ctx, root, plan.path, plan.text, plan.files);
    ctx.stdout.write(nextSteps(plan.path, values.ci !== undefined, /^deploy:/m.test(plan.text), tests));
    return 0;
  },
};

/** `--agents` with no list (last, or before another flag) means all of them. */
function agentsFlagAlone(argv: string[]): string[] {
  return argv.map((a, i) =>
    a === '--agents' && (i === argv.length - 1 || argv[i + 1]?.startsWith('-')) ? '--agents=all' : a,
  );
}

/** `init --agents`: each agent's hook and MCP entry, merged into its files; one line per file. */
async function initAgents(
  ctx: { stdout: NodeJS.WritableStream; cwd: string },
  dir: string,
  list: string,
  dryRun: boolean,
): Promise<number> {
  const named = agentsNamed(list);
  if (!named.ok) throw new UserError(named.reason);
  const { root, isGit } = await findRoot(dir).catch((e: Error) => {
    throw new UserError(e.message);
  });
  if (!isGit)
    throw new UserError(`${dir} is not in a git repository; init --agents writes a repository's files`);
  const result = writeAgentFiles(root, named.agents, dryRun);
  if (!result.ok) throw new UserError(printable(result.reason));
  for (const f of result.files)
    ctx.stdout.write(
      `${dryRun && f.status !== 'unchanged' ? `would be ${f.status}` : f.status}: ${join(root, f.path)}\n`,
    );
  for (const n of result.notes) ctx.stdout.write(`note: ${printable(n)}\n`);
  if (!dryRun && result.files.some((f) => f.status !== 'unchanged'))
    ctx.stdout.write(
      'next: review and commit them (a human change: agents may not edit their own hooks, PATH004)\n',
    );
  return 0;
}

/**
 * Starter test cases beside the policy init leaves on disk, unless test cases are there already;
 * returns the file when it was written (the next steps commit it with the policy).
 */
async function starterTests(
  ctx: { stdout: NodeJS.WritableStream },
  root: string,
  path: string,
  text: string,
  files: readonly string[],
): Promise<string | undefined> {
  const result = await writeStarterTests(root, { path, text }, files);
  ctx.stdout.write(`${starterTestsLine(result)}\n`);
  return result.written ? result.path : undefined;
}

function parsedOrThrow(text: string, path: string) {
  const doc = parsePolicyText(text, path).document;
  if (!doc) throw new Error(`generated policy is invalid: ${path}`);
  return doc;
}

/**
 * The three commands that take a fresh policy to a gate that runs on every change; without a
 * deploy section, then the way to a first promote (init cannot guess where production is).
 */
function nextSteps(policyPath: string, wroteWorkflows: boolean, hasDeploy: boolean, tests?: string): string {
  return [
    'next:',
    `  1. slipway check --tree        what the gate finds today; fix it, or \`slipway baseline\` to accept what is old`,
    `  2. git add ${policyPath}${tests ? ` ${tests}` : ''} && git commit    the policy is protected once committed (review the decisions above first)`,
    wroteWorkflows
      ? '  3. git add .github/workflows && git commit    the guard then runs on every pull request'
      : '  3. slipway init --ci github   the workflows that run the guard on every pull request (or the pre-commit hook: see the README)',
    ...(hasDeploy
      ? []
      : [
          '  then: a deploy section (production\'s URL, health check and deploy command: docs/guides/deploy.md, "The first hour"), committed, and `slipway promote --env production --commit`',
        ]),
    '',
  ].join('\n');
}
