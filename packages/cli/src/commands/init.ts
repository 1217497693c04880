import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findPolicyFile, openRepo } from '@slipway/policy-core/node';
import { parsePolicyText } from '@slipway/policy-core';
import type { Command } from '../command.js';
import { UserError } from '../command.js';
import { parseFlags } from '../flags.js';
import { detect } from '../init/detect.js';
import { renderPolicy } from '../init/render-policy.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'write a slipway.yaml from what the repository contains',
  usage: `Usage: slipway init [--repo DIR] [--force] [--production-branch NAME]

Detects alembic.ini, requirements files, infrastructure/LAST_PROD_DEPLOY.json and
config/update.toml, and writes slipway.yaml with a section for each. Refuses to overwrite an
existing policy unless --force is given.`,
  run: async (ctx) => {
    const { values } = parseFlags(
      'init',
      ctx.argv,
      { repo: { type: 'string' }, force: { type: 'boolean' }, 'production-branch': { type: 'string' } },
      false,
    );
    const repo = await openRepo(resolve(ctx.cwd, values.repo ?? '.')).catch((e: Error) => {
      throw new UserError(e.message);
    });
    const root = repo.root;
    const existing = findPolicyFile(root);
    if (existing && !values.force)
      throw new UserError(`${existing} already exists in ${root}; pass --force to replace it`);
    const text = renderPolicy(detect(root, repo.listFiles()), values['production-branch'] ?? 'main');
    // What init writes must itself be a valid policy; a failure here is a bug, not user input.
    const check = parsePolicyText(text, 'slipway.yaml');
    if (!check.document) throw new Error(`generated policy is invalid: ${check.findings[0]?.message}`);
    const target = join(root, 'slipway.yaml');
    writeFileSync(target, text, { flag: existsSync(target) && values.force ? 'w' : 'wx' });
    ctx.stdout.write(`wrote ${target}\n`);
    return 0;
  },
};
