import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detect, detectProductionBranch, findPolicyFile, openRepo } from '@slipway/policy-core/node';
import { parsePolicyText, renderPolicy } from '@slipway/policy-core';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { writeGithubWorkflows } from '../ci-workflows.js';
import { repoDir } from '../repo-context.js';

/** The composite action at the root of Slipway's repository, as workflows refer to it. */
const DEFAULT_ACTION = 'slipway-dev/slipway@v1';

export const initCommand: Command = {
  name: 'init',
  usage: `Usage: slipway init [--repo DIR] [--force] [--production-branch NAME] [--ci github [--action REF]]

Detects alembic.ini, requirements files, infrastructure/LAST_PROD_DEPLOY.json and
config/update.toml, and writes slipway.yaml with a section for each. The production branch is
origin's default branch, else main or master, else the branch checked out. Refuses to overwrite an
existing policy unless --force is given.

--ci github also writes the GitHub Actions deploy workflows: the guard on pull requests
and pushes, promote through an environment that needs a reviewer, "Rollback to last good" and
the health watch (in its own production-watch environment, without reviewers, so it can roll
back unattended). It keeps an existing slipway.yaml (even with --force, which then replaces only
the generated workflows) and writes one only when there is none. --action names the Slipway
action they use (default ${DEFAULT_ACTION}).`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'init',
      ctx.argv,
      {
        repo: { type: 'string' },
        force: { type: 'boolean' },
        'production-branch': { type: 'string' },
        ci: { type: 'string' },
        action: { type: 'string' },
      },
      false,
    );
    const repo = await openRepo(repoDir(ctx.cwd, values.repo)).catch((e: Error) => {
      throw new UserError(e.message);
    });
    const root = repo.root;
    if (values.ci !== undefined && values.ci !== 'github')
      throw new UserError(`unknown CI \`${values.ci}\` for --ci; only \`github\` is supported`);
    const existing = findPolicyFile(root);
    if (existing && !values.force && !values.ci)
      throw new UserError(`${existing} already exists in ${root}; pass --force to replace it`);
    const production =
      values['production-branch'] ?? (repo.git ? await detectProductionBranch(root) : 'main');
    if (values.ci) {
      const written = writeGithubWorkflows(
        root,
        { productionBranch: production, action: values.action ?? DEFAULT_ACTION },
        values.force,
      );
      for (const path of written) ctx.stdout.write(`wrote ${join(root, path)}\n`);
      // --ci never replaces a policy: with it, --force is about the workflows only.
      if (existing) {
        ctx.stdout.write(`kept ${join(root, existing)}\n`);
        return 0;
      }
    }
    const text = renderPolicy(detect(root, repo.listFiles()), production);
    // What init writes must itself be a valid policy; a failure here is a bug, not user input.
    const check = parsePolicyText(text, 'slipway.yaml');
    if (!check.document) throw new Error(`generated policy is invalid: ${check.findings[0]?.message}`);
    const target = join(root, 'slipway.yaml');
    writeFileSync(target, text, { flag: existsSync(target) && values.force ? 'w' : 'wx' });
    ctx.stdout.write(`wrote ${target}\n`);
    return 0;
  },
};
