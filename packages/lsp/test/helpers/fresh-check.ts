import { execFileSync } from 'node:child_process';
import { renderJson, runCheck, Workspace } from '@slipway/policy-core';
import { loadPolicy, nativeSha256, openRepo } from '@slipway/policy-core/node';
import { CLI } from './lsp-session.js';

/** One finding of `slipway check --format json`: what both judgements below return. */
export interface ReportedFinding {
  file: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

const findingsOf = (json: string) => (JSON.parse(json) as { findings: ReportedFinding[] }).findings;

/**
 * `slipway check --tree --format json` in `dir`, by the built CLI in a process of its own: the
 * judgement a user gets. About a third of a second each, most of it the process's start.
 */
export function cliTreeCheck(dir: string): ReportedFinding[] {
  try {
    return findingsOf(
      execFileSync(process.execPath, [CLI, 'check', '--tree', '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
  } catch (err) {
    // Exit 1: findings that fail the check; the report is on stdout all the same.
    return findingsOf((err as { stdout: string }).stdout);
  }
}

/**
 * The same judgement in this process, by the calls `check --tree` makes (cli/src/commands/check.ts:
 * the folder read from disk, its policy, `runCheck` with the native SHA-256, `renderJson`), with
 * nothing kept from one call to the next: a fresh repository view, policy and workspace each time,
 * where the language service keeps its overlays and caches. For a folder that is not a git
 * repository (no change under review, no governing policy from a base). A test that uses it
 * compares it with `cliTreeCheck` too, so that the two cannot drift apart unseen.
 */
export async function inProcessTreeCheck(dir: string): Promise<ReportedFinding[]> {
  const repo = await openRepo(dir);
  const loaded = loadPolicy(repo.root);
  if (loaded.kind !== 'ok') throw new Error(`${dir}: the policy is ${loaded.kind}; the CLI would stop at it`);
  const result = runCheck({
    policy: loaded.document,
    repo,
    env: process.env,
    sha256: nativeSha256,
    workspace: new Workspace(),
  });
  return findingsOf(renderJson(result.findings, result.filesChecked.length, result.scope));
}
