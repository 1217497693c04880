import { type LogicalLine, toFileOffset } from './line-reader.js';
import { normalizeName } from './pep503.js';
import type { LineProblem, RequirementEntry } from './requirements-entries.js';

/** Small pieces of pip's line handling that the requirements-file reader uses. */

/** pip's `is_url`: a scheme pip knows, followed by a colon. */
export const URL_SCHEME = /^(?:https?|file|ftp|(?:git|hg|svn|bzr)(?:\+[a-z]+)?):/i;

/** pip's `break_args_options`: the requirement is every space-separated token before the first one starting with `-`. */
export function splitArgs(text: string): number {
  if (text.charCodeAt(0) === 45) return 0;
  const i = text.indexOf(' -');
  return i < 0 ? -1 : i + 1;
}

export function eggName(url: string): string | undefined {
  const m = /[#&]egg=([^&]+)/.exec(url);
  return m ? m[1] : undefined;
}

const HASH_PREFIX = '--hash=';

/**
 * The common lock line: a requirement followed only by `--hash=algo:digest` options separated
 * by blanks, with strong algorithms. Read directly, without the general option parser
 * (which handles quoting, abbreviations and errors); undefined sends the line the general way.
 */
export function onlyHashes(
  text: string,
  cut: number,
  line: LogicalLine,
): RequirementEntry['hashes'] | undefined {
  const out: RequirementEntry['hashes'] = [];
  let i = cut;
  while (i < text.length) {
    if (!text.startsWith(HASH_PREFIX, i)) return undefined;
    let end = i + HASH_PREFIX.length;
    while (end < text.length && text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 9) end++;
    const colon = text.indexOf(':', i + HASH_PREFIX.length);
    if (colon < 0 || colon >= end) return undefined;
    const algo = text.slice(i + HASH_PREFIX.length, colon);
    if (algo !== 'sha256' && algo !== 'sha384' && algo !== 'sha512') return undefined;
    for (let k = colon + 1; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 34 || c === 39 || c === 92) return undefined;
    }
    out.push({
      algo,
      digest: text.slice(colon + 1, end),
      start: toFileOffset(line, i),
      end: toFileOffset(line, end),
    });
    i = end;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  }
  return out;
}

/** The package a rejected requirement line names, when it starts with one. */
export function setLeadKey(p: LineProblem, reqText: string): void {
  const lead = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]|[A-Za-z0-9])/.exec(reqText);
  if (lead) p.key = normalizeName(lead[1] as string);
}
