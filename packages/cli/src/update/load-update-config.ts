import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type UpdateConfig, applyEnvOverrides, parseUpdateToml } from '@slipway/policy-core';
import { loadPolicy, readRepoText } from '@slipway/policy-core/node';
import { UserError } from '../command.js';
import { invalidPolicyError } from '../policy-errors.js';
import { git } from './git.js';
import { RULE_IDS } from '@slipway/policy-core';

export interface LoadedUpdateConfig {
  root: string;
  /** Repo-relative path of update.toml, for messages. */
  file: string;
  config: UpdateConfig;
  profile: string;
}

export interface ConfigFlags {
  repo?: string;
  config?: string;
  profile?: string;
}

const PROFILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Finds the checkout, then update.toml: `--config`, else the policy's `update.config`, else
 * `config/update.toml`. Any problem is one line naming the file, the line and what to change.
 */
export async function loadUpdateConfig(
  cwd: string,
  env: Record<string, string | undefined>,
  flags: ConfigFlags,
): Promise<LoadedUpdateConfig> {
  const start = resolve(cwd, flags.repo ?? '.');
  const top = await git({ root: start, env }, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0)
    throw new UserError(
      `${start} is not inside a git checkout; run it in the bot's repository or pass --repo DIR`,
    );
  const root = top.stdout.trim();
  let file = flags.config;
  if (file === undefined) {
    const policy = loadPolicy(root);
    if (policy.kind === 'invalid') throw invalidPolicyError(policy.findings);
    file =
      policy.kind === 'ok'
        ? (policy.document.policy.update?.config ?? 'config/update.toml')
        : 'config/update.toml';
  }
  let text: string;
  try {
    // --config is a path the operator typed (relative to where they stand); update.config is
    // the policy's (relative to the repository root).
    // The policy's path goes through the one reader (a committed link out is refused); the
    // operator's --config is theirs to point anywhere.
    const read =
      flags.config !== undefined ? readFileSync(resolve(cwd, file), 'utf8') : readRepoText(root, file);
    if (read === undefined) throw Object.assign(new Error(file), { code: 'ENOENT' });
    text = read;
  } catch (err) {
    if ((err as Error).name === 'RefusedFile') throw new UserError((err as Error).message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new UserError(
        `${file} not found in ${flags.config !== undefined ? resolve(cwd) : root}; create it with an [update] table (see slipway explain ${RULE_IDS.invalidUpdateConfig})`,
      );
    throw new UserError(`cannot read ${file}: ${code ?? String(err)}`);
  }
  const parsed = parseUpdateToml(text);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.problems;
    const at = first ? `${first.range.start.line + 1}:${first.range.start.character + 1}` : '1:1';
    const more = rest.length ? ` (and ${rest.length} more problem(s))` : '';
    throw new UserError(
      `${file}:${at}: ${first?.message ?? 'invalid'}${more} (${RULE_IDS.invalidUpdateConfig})`,
    );
  }
  const { config, problems } = applyEnvOverrides(parsed.config, env);
  if (problems.length)
    throw new UserError(`${problems.map((p) => p.message).join('; ')} (${RULE_IDS.invalidEnvOverride})`);
  const profile = flags.profile ?? config.profile;
  if (!PROFILE.test(profile))
    throw new UserError(`--profile "${profile}" is not a profile name (letters, digits, ".", "_", "-")`);
  return { root: join(root), file, config, profile };
}
