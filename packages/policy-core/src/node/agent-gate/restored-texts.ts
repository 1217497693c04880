import { encodePath, splitZ } from '../git/path-bytes.js';
import { runGitSync } from '../git/run-git.js';

/** A file past this size is judged with its text unknown, as the gate's own reader does. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Past this many bytes in all, the rest of a restore's files keep their text unknown. */
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

/** A file as the index or a commit holds it. */
export interface SourceEntry {
  path: string;
  /** git's mode: 100644/100755 a file, 120000 a symbolic link, 160000 a submodule. */
  mode: string;
  oid: string;
  /** An index entry with a merge's sides (stages 1-3) rather than one file. */
  unmerged?: true;
}

/** Whether git writes the entry as a file with the blob's bytes (not a link, a submodule or a conflict). */
export const plainFile = (e: SourceEntry): boolean =>
  !e.unmerged && (e.mode === '100644' || e.mode === '100755');

/**
 * The index's entries under `rel` (a file or a folder, repository-relative; '' the whole tree), as
 * `git checkout -- rel` or `git restore rel` writes them back; at most `max`. Undefined when git
 * cannot say.
 */
export function indexEntries(root: string, rel: string, max: number): Map<string, SourceEntry> | undefined {
  try {
    const under = rel === '' ? [] : ['--', rel];
    const entries = new Map<string, SourceEntry>();
    for (const line of splitZ(runGitSync(root, ['ls-files', '-s', '-z', ...under]).stdout)) {
      const tab = line.indexOf('\t');
      if (tab === -1) continue;
      const [mode = '', oid = '', stage = '0'] = line.slice(0, tab).split(' ');
      const path = line.slice(tab + 1);
      const seen = entries.get(path);
      if (seen) seen.unmerged = true;
      else if (entries.size < max)
        entries.set(path, { path, mode, oid, ...(stage !== '0' ? { unmerged: true } : {}) });
    }
    return entries;
  } catch {
    return undefined;
  }
}

/**
 * The files under `rel` the work tree holds otherwise than the index (`git diff-files`): all a
 * restore from the index rewrites. One only stat-dirty may be listed too (the index is not
 * refreshed here); its text is then compared. Undefined when git cannot say.
 */
export function changedOnDisk(root: string, rel: string): Set<string> | undefined {
  try {
    const under = rel === '' ? [] : ['--', rel];
    return new Set(
      splitZ(runGitSync(root, ['diff-files', '-z', '--name-only', ...under]).stdout).filter((n) => n !== ''),
    );
  } catch {
    return undefined;
  }
}

/**
 * The text of each blob: what a restore writes, so that the rules judge that text instead of
 * refusing a write whose text they cannot read. Two `git cat-file` runs (sizes, then the contents
 * of those small enough); a blob past 1 MB, past 64 MB in all, or not UTF-8 is absent: its text
 * stays unknown.
 */
export function blobTexts(root: string, oids: readonly string[]): Map<string, string> {
  const texts = new Map<string, string>();
  const asked = [...new Set(oids.filter((o) => /^[0-9a-f]{40,64}$/.test(o)))];
  if (asked.length === 0) return texts;
  let sizes: string[];
  try {
    sizes = runGitSync(root, ['cat-file', '--batch-check=%(objecttype) %(objectsize)'], {
      input: `${asked.join('\n')}\n`,
    })
      .stdout.toString('utf8')
      .split('\n');
  } catch {
    return texts;
  }
  const small: string[] = [];
  let total = 0;
  asked.forEach((oid, i) => {
    const [type, size] = (sizes[i] ?? '').split(' ');
    const n = Number(size);
    if (type !== 'blob' || !(n <= MAX_FILE_BYTES) || total + n > MAX_TOTAL_BYTES) return;
    total += n;
    small.push(oid);
  });
  if (small.length === 0) return texts;
  let out: Buffer;
  try {
    out = runGitSync(root, ['cat-file', '--batch'], { input: `${small.join('\n')}\n` }).stdout;
  } catch {
    return texts;
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let at = 0;
  for (const oid of small) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    const [, type, size] = out.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (type !== 'blob') continue; // "<oid> missing": no body follows
    const n = Number(size);
    const body = out.subarray(at, at + n);
    at += n + 1;
    try {
      texts.set(oid, utf8.decode(body));
    } catch {
      // Not UTF-8 text: judged by its path, text unknown.
    }
  }
  return texts;
}

const NUL = Buffer.from([0]);

/** Attributes under which git's checkout writes other bytes than the blob's. */
const CONVERTING = ['ident', 'filter', 'working-tree-encoding'];

/**
 * The paths whose checkout is not the blob's text: `ident` expands `$Id$` (in SQL a dollar quote:
 * `$Id$; DROP TABLE t; $Id$` is a string in the blob and a DROP TABLE once expanded), a `filter`'s
 * smudge runs a program, `working-tree-encoding` re-encodes. Line-end conversion (`text`, `eol`)
 * changes no statement and is left alone. Asked of `git check-attr` (the work tree's
 * .gitattributes, then the index's, and the user's); undefined when git cannot say.
 */
export function convertedOnCheckout(root: string, paths: readonly string[]): Set<string> | undefined {
  const converted = new Set<string>();
  if (paths.length === 0) return converted;
  let fields: string[];
  try {
    fields = splitZ(
      runGitSync(root, ['check-attr', '-z', '--stdin', ...CONVERTING], {
        input: Buffer.concat(paths.flatMap((p) => [encodePath(p), NUL])),
      }).stdout,
    );
  } catch {
    return undefined;
  }
  // <path> NUL <attribute> NUL <value> NUL, for each path and attribute.
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [path = '', attribute, value] = [fields[i], fields[i + 1], fields[i + 2]];
    const set = attribute === 'ident' ? value === 'set' : value !== 'unspecified' && value !== 'unset';
    if (set) converted.add(path);
  }
  return converted;
}
