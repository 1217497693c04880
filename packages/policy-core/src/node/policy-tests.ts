import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { bytesPastChars, LIMITS } from '../limits.js';
import { POLICY_TEST_FILE, POLICY_TEST_FOLDER, policyTestFiles } from '../policy-tests/test-files.js';
import { readBlobsAt } from './git/base-reader.js';
import { splitZ } from './git/path-bytes.js';
import { resolveCommit } from './git/resolve-range.js';
import { GitError, runGit, runGitSync } from './git/run-git.js';
import { readPolicyFilesAt } from './governing-policy.js';
import { readText } from './read-text.js';
import { readConfined, RefusedFile } from './confined-read.js';
import { RepoConfinement, refusalLine } from './repo-confinement.js';

/** A test file's text, or why it was not read (too large to read at all). */
export interface TestFileText {
  /** Repository-relative when inside the repository, else as given. */
  path: string;
  text?: string;
  /** Set when the file is past any size a test file could be and was not read. */
  bytes?: number;
  /** A file named on the command line that is not there. */
  missing?: true;
}

/**
 * The policy test files of a working tree: `slipway.tests.yaml` and the YAML files under
 * `slipway.tests/`, or the files and folders `given` names (relative to `cwd`). A file over four
 * times the limit in bytes is not read at all (its size says enough); one closer is read, and
 * the pure reader says it is too long.
 */
export function readTestFilesOnDisk(root: string, given: readonly string[] = [], cwd = root): TestFileText[] {
  const wanted = given.length
    ? given.flatMap((g) => {
        const abs = resolve(cwd, g);
        return statSync(abs, { throwIfNoEntry: false })?.isDirectory() ? yamlFilesUnder(abs) : [abs];
      })
    : policyTestFiles(
        [join(root, POLICY_TEST_FILE), ...yamlFilesUnder(join(root, POLICY_TEST_FOLDER))]
          .filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile())
          .map((f) => relative(root, f).split(sep).join('/')),
      ).map((f) => join(root, f));
  const box = new RepoConfinement(root);
  return wanted.map((abs) => {
    const rel = relative(root, abs);
    const path = rel.startsWith('..') ? abs : rel.split(sep).join('/');
    // The repository's files go through the one reader (a committed link out, a FIFO: refused,
    // in one line); a file the operator named outside the repository is theirs.
    if (!rel.startsWith('..')) {
      const read = readConfined(box, path, abs, 4 * LIMITS.policyTests.chars);
      if (read === undefined) return { path, missing: true };
      if ('refused' in read) throw new RefusedFile(refusalLine(read));
      if ('tooLarge' in read) return { path, bytes: read.tooLarge };
      return { path, text: read.text };
    }
    const st = statSync(abs, { throwIfNoEntry: false });
    if (!st?.isFile()) return { path, missing: true };
    if (bytesPastChars(st.size, LIMITS.policyTests.chars)) return { path, bytes: st.size };
    return { path, text: readText(abs) };
  });
}

function yamlFilesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .filter((e) => /\.ya?ml$/.test(e))
    .map((e) => join(dir, e))
    .sort();
}

/** The policy and its test files as one commit holds them, read without a checkout. */
export interface PolicyAtCommit {
  sha: string;
  /** Each of POLICY_FILES to its text at the commit (undefined where absent). */
  policyTexts: Map<string, string | undefined>;
  tests: TestFileText[];
}

/**
 * The merge base of `baseName` and HEAD (what a check of the change compares with), and the
 * policy and test files there: one `ls-tree` and two `cat-file` processes.
 */
export async function readPolicyAtBase(root: string, baseName: string): Promise<PolicyAtCommit> {
  const named = await resolveCommit(root, baseName);
  if (named === undefined)
    throw new GitError(
      `--base ${baseName} names no commit here (fetch it, or name a branch or commit)`,
      'unknown-ref',
    );
  const merged = await runGit(root, ['merge-base', named, 'HEAD'], { okCodes: [1] });
  const sha = merged.stdout.toString('utf8').trim();
  if (merged.code !== 0 || sha === '')
    throw new GitError(`--base ${baseName} and HEAD share no history (no merge base)`, 'unknown-ref');
  return { sha, policyTexts: readPolicyFilesAt(root, sha), tests: readTestFilesAt(root, sha) };
}

/** The test files of commit `sha`. */
export function readTestFilesAt(root: string, sha: string): TestFileText[] {
  const listed = splitZ(
    runGitSync(root, ['ls-tree', '-r', '-z', '--name-only', sha, '--', POLICY_TEST_FILE, POLICY_TEST_FOLDER])
      .stdout,
  );
  const paths = policyTestFiles(listed);
  const texts = readBlobsAt(root, sha, paths);
  return paths.flatMap((path) => {
    const text = texts.get(path);
    return text === undefined ? [] : [{ path, text }];
  });
}
