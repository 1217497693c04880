import { readdirSync } from 'node:fs';
import { readRepoText } from '../confined-read.js';
import { type Detected, POLICY_FILE } from '../../init/detect-layout.js';
import { renderPolicy } from '../../init/render-policy.js';
import { parsePolicyText } from '../../policy/parse.js';
import { findPolicyFile } from '../find-policy-file.js';
import { openRepo } from '../fs-repo.js';
import { detect } from './detect.js';
import { detectProductionBranch } from './production-branch.js';
import { initPythonParser } from '../../migrations/python-parser.js';

/** What init would write, before anything is written: shared by `slipway init` and the editor. */
export type PolicyPlan =
  | {
      ok: true;
      root: string;
      /** Repository path of the file to write. */
      path: string;
      text: string;
      detected: Detected;
      productionBranch: string;
      /** The repository's files (its git listing): starter test cases pick real paths from it. */
      files: readonly string[];
      /** The policy already in the repository, if any (`slipway.yaml`, `.yml` or `.toml`). */
      existing?: { path: string; text: string };
    }
  | { ok: false; code: 'not-a-repository'; root: string; reason: string };

/**
 * Detects the repository containing `dir` and renders its policy. Refuses a folder that is not
 * a git repository: the policy names a production branch and is checked against git history.
 * A rendered policy that does not parse is a bug here, thrown as one.
 */
export async function planPolicyFile(
  dir: string,
  options: {
    productionBranch?: string;
    /** Files the caller writes beside the policy (`--ci github`'s workflows): detected as if present. */
    alsoWriting?: readonly string[];
  } = {},
): Promise<PolicyPlan> {
  const repo = await openRepo(dir);
  const root = repo.root;
  if (!repo.git)
    return {
      ok: false,
      code: 'not-a-repository',
      root,
      reason: `${root} is not a git repository; run \`git init\` there first (the policy is checked against git history)`,
    };
  // Alembic heads are read to propose `applied_through`: the Python parser loads meanwhile.
  const [production] = await Promise.all([
    options.productionBranch ?? detectProductionBranch(root),
    initPythonParser(),
  ]);
  const files = repo.listFiles();
  const detected = detect(root, [...files, ...(options.alsoWriting ?? [])]);
  // Detection reads git's listing: with none (a fresh `git init` before `git add`, an index
  // never written) every layout went unfound, which the policy alone would not say.
  if (files.length === 0) {
    const entries = readdirSync(root).filter((n) => n !== '.git').length;
    if (entries > 0)
      detected.decisions.unshift(
        `git tracks no file here yet (\`git ls-files\` lists none, and the folder has ${entries} entr${entries === 1 ? 'y' : 'ies'}): Slipway reads the files git tracks, so it found no layout; \`git add\` them, then run \`slipway init\` again`,
      );
  }
  const text = renderPolicy(detected, production);
  const check = parsePolicyText(text, POLICY_FILE);
  if (!check.document) throw new Error(`generated policy is invalid: ${check.findings[0]?.message}`);
  const found = findPolicyFile(root);
  const existing = found ? { path: found, text: readRepoText(root, found) ?? '' } : undefined;
  return {
    ok: true,
    root,
    path: POLICY_FILE,
    text,
    detected,
    productionBranch: production,
    files,
    ...(existing ? { existing } : {}),
  };
}
