import { LIMITS } from '../../../limits.js';
import { detectLockFormat } from '../../../requirements/dependency-file-names.js';
import { readDepText, resolveInclude } from '../../../requirements/dep-file.js';
import { parseRequirementsFile } from '../../../requirements/requirements-file.js';
import { normalizeRepoPath } from '../../../paths/index.js';
import type { DependencyPair } from '../../../policy/schema/dependencies.js';
import type { RepoView } from '../../../repo.js';

/** No more files than a pair could sensibly include (the depth is the DEP rules' own). */
const MAX_FILES = 200;
/** A line that may be an include (`-r x`, `-rx`, `--requirement=x`): a file with none is not parsed. */
const INCLUDE_LINE = /^[ \t]*(?:-[rc]|--requirement|--constraint)/m;

/**
 * The files a requirements-style pair reads through `-r`/`-c` (pip's includes), each with the pair
 * file that leads to it: the DEP rules judge a change to one (pair-facts.ts follows them), so the
 * agent gate must run them on a write to one. Read as the DEP facts read them (readDepText's
 * limits, pip's parser), as deep as they follow them; a URL or a path out of the repository is no file here.
 */
export function dependencyIncludes(repo: RepoView, pairs: readonly DependencyPair[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of pairs) {
    if (detectLockFormat(pair.lock, pair.lock_format) !== 'requirements') continue;
    for (const start of [pair.requirements, pair.lock].map(normalizeRepoPath)) {
      const visit = (path: string, depth: number) => {
        if (depth >= LIMITS.requirements.includeDepth || out.size >= MAX_FILES) return;
        const read = readDepText(repo, path);
        if ('problem' in read || !INCLUDE_LINE.test(read.text)) return;
        for (const inc of parseRequirementsFile(path, read.text).includes) {
          if (/^[a-z][a-z0-9+.-]*:/i.test(inc.target)) continue;
          const target = resolveInclude(path, inc.target);
          if (target === undefined || out.has(target) || target === start) continue;
          out.set(target, start);
          visit(target, depth + 1);
        }
      };
      visit(start, 0);
    }
  }
  return out;
}
