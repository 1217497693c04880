import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChangeSet } from '@slipway/policy-core';
import {
  DEFAULT_PRODUCTION_BRANCH,
  type FsRepo,
  findPolicyFile,
  findRoot,
  openRepo,
  type ReadChangeSetOptions,
  readChangeSet,
} from '@slipway/policy-core/git';
import { checkCommandFlagOptions } from './check-flags.js';

/**
 * Git work for `check` and `guard`, started by the entry point before the command's code and the
 * policy parser are loaded.
 *
 * On a large repository the file listing and the change set are most of a check's time, and
 * both are separate git processes that could run while this process is still loading and
 * parsing. Of the policy they need only the production branch, so that is read from the
 * policy file's plain `production_branch:` line (or is the default when the file has none).
 * That reading is a guess, never trusted: the command asks `takeListing` / `takeChangeSet`
 * with its real inputs (the root it found, its flags, the production branch of the parsed and
 * validated policy) and gets the early result only when they are identical; otherwise it runs
 * git itself. A failed early run is the command's failure only if the command would have run
 * the same thing, and then it fails in the same way; nobody else sees its errors.
 *
 * Everything imported here is small on purpose (no YAML or schema code): it is part of the
 * entry chunk that every `slipway` invocation loads.
 */
const started = new Map<string, Promise<unknown>>();

/** The change-set request `check` and `guard` make for these flags. */
export interface ChangeRequestFlags {
  base?: string;
  head?: string;
  branch?: string;
  labels?: string[];
}

export function changeSetOptions(
  root: string,
  productionBranch: string,
  flags: ChangeRequestFlags,
  env: Readonly<Record<string, string | undefined>>,
): ReadChangeSetOptions {
  return {
    repo: root,
    base: flags.base,
    head: flags.head,
    branch: flags.branch,
    labels: flags.labels?.length ? flags.labels : undefined,
    productionBranch,
    env,
  };
}

/** Starts the git work `slipway <command> <argv>` will ask for, when it is check or guard. */
export function startGitPrefetch(
  command: string,
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): void {
  if (command !== 'check' && command !== 'guard') return;
  let values: ReturnType<typeof parseCheckFlags>;
  try {
    values = parseCheckFlags(argv);
  } catch {
    return; // a usage error: the command reports it, and no git needs to run
  }
  if (values.help) return;
  const early = findRoot(resolve(cwd, values.repo ?? '.')).then(({ root, isGit }) => {
    // Outside git the listing is a directory walk, which gains nothing from starting early.
    if (!isGit) return;
    remember(listingKey(root), openRepo(root));
    if (values.tree) return;
    const productionBranch = guessProductionBranch(root);
    if (productionBranch === undefined) return;
    const options = changeSetOptions(root, productionBranch, { ...values, labels: values.label }, env);
    remember(changeKey(options), readChangeSet(options));
  });
  early.catch(() => {});
}

/** The listing started early for this root, once; undefined when none was. */
export function takeListing(root: string): Promise<FsRepo> | undefined {
  return take(listingKey(root)) as Promise<FsRepo> | undefined;
}

/** The change set started early with exactly these options, once; undefined when none was. */
export function takeChangeSet(options: ReadChangeSetOptions): Promise<ChangeSet> | undefined {
  return take(changeKey(options)) as Promise<ChangeSet> | undefined;
}

function parseCheckFlags(argv: readonly string[]) {
  // check's flags are guard's plus --fix: one parse serves both commands.
  const options = { ...checkCommandFlagOptions, help: { type: 'boolean', short: 'h' } } as const;
  return parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values;
}

function remember(key: string, work: Promise<unknown>): void {
  work.catch(() => {});
  started.set(key, work);
}

function take(key: string): Promise<unknown> | undefined {
  const work = started.get(key);
  started.delete(key);
  return work;
}

function listingKey(root: string): string {
  return JSON.stringify(['listing', root]);
}

/** Everything readChangeSet reads from its options: equal keys mean the same git questions. */
function changeKey(o: ReadChangeSetOptions): string {
  return JSON.stringify([
    'change',
    o.repo,
    o.base ?? null,
    o.head ?? null,
    o.branch ?? null,
    o.labels ?? null,
    o.productionBranch,
    o.env.GITHUB_EVENT_PATH ?? null,
    o.env.GITHUB_HEAD_REF ?? null,
  ]);
}

/**
 * The production branch a policy file names on a line of its own (`production_branch: main` in
 * YAML, `production_branch = "main"` in TOML), the default when the file never mentions the key,
 * and undefined when it is written some other way (quoted oddly, in a flow mapping, an anchor):
 * then nothing is guessed and the command reads the change set after parsing the policy.
 */
export function guessProductionBranch(root: string): string | undefined {
  const file = findPolicyFile(root);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
  if (!text.includes('production_branch')) return DEFAULT_PRODUCTION_BRANCH;
  const line = file.endsWith('.toml')
    ? /^production_branch[ \t]*=[ \t]*(["'])([^"'\r\n\\]+)\1[ \t]*(?:#.*)?$/m.exec(text)
    : /^production_branch[ \t]*:[ \t]*(["']?)([^\s"'#&*!|>{}[\],]+)\1[ \t]*(?:#.*)?$/m.exec(text);
  return line?.[2];
}
