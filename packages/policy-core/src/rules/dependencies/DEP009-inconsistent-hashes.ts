import type { Finding } from '../../finding.js';
import type { RequirementsFile } from '../../requirements/requirements-file.js';
import type { Rule } from '../../rule.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { IDNA_HASHED, lockExample, REQUESTS_HASHED } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const inconsistentHashes: Rule<PairRun> = {
  id: 'DEP009',
  name: 'inconsistent-hashes',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'hash mode inconsistent',
  docs: {
    what:
      'A requirement without `--hash` in a file where another requirement carries one (or that says ' +
      '`--require-hashes`). With `hashes: required` in the policy, any lock entry without hashes.',
    why:
      'Once one requirement carries a hash, pip switches to hash-checking mode and refuses every ' +
      'requirement without one, so a file that mixes hashed and unhashed entries fails to install on ' +
      'deploy. A lock whose entries all carry hashes (pip-compile `--generate-hashes`, `uv pip compile ' +
      '--generate-hashes`) also proves that what is installed is what was locked.',
    fix: 'Regenerate the file with hashes for every entry, or set `hashes: off` to skip this check.',
    suppress: commentSuppressDocs('DEP009'),
    examples: [
      lockExample('flagged', `${IDNA_HASHED}requests==2.31.0\n`, {
        'backend/requirements.txt': 'idna==3.6\n' + 'requests==2.31.0\n',
      }),
      lockExample('fine', IDNA_HASHED + REQUESTS_HASHED, {
        'backend/requirements.txt': 'idna==3.6\n' + 'requests==2.31.0\n',
      }),
    ],
  },
  check: ({ pair, match }) => checkHashes(pair, match),
};

/** Non-editable requirements of a parsed file, and how many carry hashes; kept per parse. */
const countsMemo = new WeakMap<RequirementsFile, { entries: number; hashed: number }>();

function hashCounts(parsed: RequirementsFile): { entries: number; hashed: number } {
  let c = countsMemo.get(parsed);
  if (!c) {
    c = { entries: 0, hashed: 0 };
    for (const r of parsed.requirements) {
      if (r.editable) continue;
      c.entries++;
      if (r.hashes.length > 0) c.hashed++;
    }
    countsMemo.set(parsed, c);
  }
  return c;
}

export function checkHashes(facts: PairFacts, match: LockMatch): Finding[] {
  const mode = facts.pair.hashes;
  if (mode === 'off') return [];
  const out: Finding[] = [];
  const lockPaths = new Set(facts.lockFiles.map((f) => f.path));
  for (const file of facts.allFiles) {
    const { entries: count, hashed } = hashCounts(file.parsed);
    const requireOption = file.parsed.options.some((o) => o.name === '--require-hashes');
    const required = mode === 'required' && lockPaths.has(file.path);
    if (hashed === 0 && !requireOption && !required) continue;
    if (hashed === count) continue;
    const reason =
      hashed > 0
        ? `${hashed} other ${hashed === 1 ? 'entry' : 'entries'} in this file ${hashed === 1 ? 'has' : 'have'} hashes, so pip checks hashes for every entry`
        : requireOption
          ? 'this file sets `--require-hashes`'
          : 'the policy sets `hashes: required` for the lock';
    for (const r of file.parsed.requirements) {
      if (r.editable || r.hashes.length > 0) continue;
      out.push({
        rule: inconsistentHashes.id,
        severity: inconsistentHashes.defaultSeverity,
        message: `\`${r.name ?? r.source}\` has no \`--hash\` but ${reason}; regenerate the file with hashes for every entry (e.g. \`pip-compile --generate-hashes\`).`,
        ...at(file, r.nameStart, r.nameEnd),
      });
    }
  }
  if (mode === 'required' && facts.tomlLock && match.lockReadable) {
    for (const e of facts.lockEntries) {
      if (e.hashed) continue;
      out.push({
        rule: inconsistentHashes.id,
        severity: inconsistentHashes.defaultSeverity,
        message: `\`${e.name}\` has no hashes in the lock but the policy sets \`hashes: required\`; relock with hashes.`,
        ...at(facts.tomlLock, e.start, e.end),
      });
    }
  }
  return out;
}
