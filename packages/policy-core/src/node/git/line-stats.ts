import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeFreeGit } from './attribute-free.js';
import { runGit, runGitSync } from './run-git.js';

/**
 * Lines a change adds and removes (the cap on an agent change's lines, AGT002), with no
 * attributes of the repository's (attribute-free.ts: the change's own `.gitattributes` cannot
 * hide its lines) and renames followed.
 *
 * git counts a file it judges binary by content (a NUL byte in its first 8 KB) as no lines. A
 * NUL byte in a comment of a 3,000-line source file would then walk it past the cap: a file that
 * is text apart from a few NUL bytes (TEXT_SHARE of its first 64 KB printable or white space)
 * is counted as text (an attributes file of our own saying `* diff`, as `--numstat` ignores `--text`). A real binary file (an image, an archive) still counts none.
 */
export function changeLineStats(
  cwd: string,
  baseSha: string,
  headSha: string,
): { added: number; removed: number } {
  const git = attributeFreeGit(cwd);
  const range = `${baseSha}...${headSha}`;
  const all = sumNumstat(
    runGitSync(git.cwd, [...git.args, ...NUMSTAT_ARGS, range, '--']).stdout.toString('utf8'),
  );
  return withTextLikeCounted(git, all, range, baseSha, headSha);
}

/** `changeLineStats` without blocking on its main pass (ChangeSet.prefetch). */
export async function changeLineStatsAsync(
  cwd: string,
  baseSha: string,
  headSha: string,
): Promise<{ added: number; removed: number }> {
  const git = attributeFreeGit(cwd);
  const range = `${baseSha}...${headSha}`;
  const r = await runGit(git.cwd, [...git.args, ...NUMSTAT_ARGS, range, '--']);
  return withTextLikeCounted(git, sumNumstat(r.stdout.toString('utf8')), range, baseSha, headSha);
}

/** The totals, with the files git took for binary but that are text with stray NULs counted again as text. */
function withTextLikeCounted(
  git: { cwd: string; args: string[] },
  all: Numstat,
  range: string,
  baseSha: string,
  headSha: string,
): { added: number; removed: number } {
  const textLike = all.binary.filter((b) =>
    looksLikeText(blobStart(git, b.path, headSha, b.oldPath ?? b.path, baseSha)),
  );
  if (textLike.length === 0) return { added: all.added, removed: all.removed };
  const asText = sumNumstat(
    runGitSync(git.cwd, [
      ...git.args,
      '-c',
      `core.attributesFile=${textAttributes()}`,
      ...NUMSTAT_ARGS,
      range,
      '--',
      ...textLike.flatMap((b) => (b.oldPath ? [b.oldPath, b.path] : [b.path])),
    ]).stdout.toString('utf8'),
  );
  return { added: all.added + asText.added, removed: all.removed + asText.removed };
}

/**
 * An attributes file that makes every file text for a diff (`* diff`): `--numstat` does not
 * honour `--text`, an attribute does. Made once per process, outside any work tree.
 */
let textAttributesFile: string | undefined;
function textAttributes(): string {
  if (textAttributesFile === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'slipway-text-attributes-'));
    textAttributesFile = join(dir, 'attributes');
    writeFileSync(textAttributesFile, '* diff\n');
  }
  return textAttributesFile;
}

/** `git diff --numstat`: lines added and removed per file, renames followed (one entry each). */
const NUMSTAT_ARGS = [
  'diff',
  '--numstat',
  '-z',
  '-M',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
];

interface Numstat {
  added: number;
  removed: number;
  /** Files git counted as binary: `-` for both counts. */
  binary: { path: string; oldPath?: string }[];
}

/**
 * The totals of `git diff --numstat -z`. A record is `added<TAB>removed<TAB>path`, or for a
 * rename `added<TAB>removed<TAB>` and then the old and the new path as the next two fields; a
 * binary file says `-` for both. Walking record by record keeps a path that looks like counts
 * (`1<TAB>2<TAB>x`) from being read as one.
 */
function sumNumstat(out: string): Numstat {
  const fields = out.split('\0');
  const result: Numstat = { added: 0, removed: 0, binary: [] };
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    const m = /^(\d+|-)\t(\d+|-)\t/.exec(field);
    if (!m) continue;
    if (m[1] !== '-') result.added += Number(m[1]);
    if (m[2] !== '-') result.removed += Number(m[2]);
    const renamed = field.length === m[0].length;
    if (m[1] === '-' && m[2] === '-')
      result.binary.push(
        renamed
          ? { oldPath: fields[i + 1] as string, path: fields[i + 2] as string }
          : { path: field.slice(m[0].length) },
      );
    if (renamed) i += 2; // a rename: its two paths follow
  }
  return result;
}

/** How much of a file's start must be printable or white space for it to be counted as text. */
const TEXT_SHARE = 0.95;
const SAMPLE_BYTES = 64 * 1024;

/** The first 64 KB of the file at head, or at base when the change deletes it. */
function blobStart(
  git: { cwd: string; args: string[] },
  path: string,
  headSha: string,
  basePath: string,
  baseSha: string,
): Buffer {
  for (const spec of [`${headSha}:${path}`, `${baseSha}:${basePath}`]) {
    const r = runGitSync(git.cwd, [...git.args, 'cat-file', 'blob', spec], { okCodes: [128] });
    if (r.code === 0) return r.stdout.subarray(0, SAMPLE_BYTES);
  }
  return Buffer.alloc(0);
}

/**
 * Text with stray NUL bytes: nearly every character, read as UTF-8, printable or white space. An
 * image or an archive decodes to control characters and U+FFFD replacements by the thousand.
 */
export function looksLikeText(buf: Buffer): boolean {
  const text = buf.toString('utf8');
  if (text.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127 || c === 0xfffd) bad++;
  }
  return 1 - bad / text.length >= TEXT_SHARE;
}
