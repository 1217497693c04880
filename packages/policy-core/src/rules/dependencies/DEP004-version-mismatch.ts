import type { Finding } from '../../finding.js';
import { isDeclared } from '../../requirements/declared-requirement.js';
import { pinOf } from '../../requirements/pin.js';
import type { Rule } from '../rule.js';
import { pinDiffers } from './facts/lock-agreement.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, related, replaceEdit } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';

export const versionMismatch: Rule<PairRun> = {
  id: 'DEP004',
  name: 'version-mismatch',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'version differs between requirements and lock',
  docs: {
    what:
      'The requirements pin one version and the lock another (compared as PEP 440 versions: `1.0` and ' +
      '`1.0.0` are equal), or a URL requirement points somewhere else than its lock entry. The finding ' +
      'appears in both files, each pointing at the other.',
    why:
      'One of the two files was edited without the other, so what is reviewed (the requirements) is not ' +
      'what is installed (the lock).',
    fix:
      'Make the two agree, usually by regenerating the lock. The quick fix on the lock entry updates it ' +
      'to the requirement (offered only when the entry has no hashes, which would be stale).',
    suppress:
      'One finding: `# slipway: allow DEP004 -- reason` on its line or the line above. Every finding: ' +
      '`rules: { DEP004: off }` (or another severity) in the policy.',
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.30.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110\n' + 'requests==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
    ],
  },
  check: ({ pair, match }) => checkVersionMismatch(pair, match),
};

export function checkVersionMismatch(facts: PairFacts, match: LockMatch): Finding[] {
  if (!match.lockReadable) return [];
  const out: Finding[] = [];
  // A requirement that agrees with its lock entry has its version: only the others can differ.
  for (const { file, entry } of match.candidates) {
    // A pyproject.toml `==` is a range like any other there (DEP012), and a forked uv.lock may
    // hold the package twice, where any one entry satisfying it is enough.
    if (isDeclared(entry)) continue;
    const lock = match.entryFor(entry);
    if (!lock) continue;
    const pin = pinOf(entry);
    const lockFile = match.lockFile(lock);
    if (pin && pinDiffers(pin, lock)) {
      const lockAt =
        lock.versionStart >= 0 && lockFile
          ? related(lockFile, lock.versionStart, lock.versionEnd, `the lock pins ${lock.version}`)
          : {
              file: lock.file,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              message: `the lock pins ${lock.version}`,
            };
      out.push({
        rule: versionMismatch.id,
        severity: versionMismatch.defaultSeverity,
        message: `\`${entry.name}\` is pinned to ${pin.version} here but to ${lock.version} in ${facts.pair.lock}; regenerate the lock or change the pin so both agree.`,
        ...at(file, pin.start, pin.end),
        related: [lockAt],
      });
      if (lockFile) {
        const f: Finding = {
          rule: versionMismatch.id,
          severity: versionMismatch.defaultSeverity,
          message: `the lock pins \`${lock.name}\` to ${lock.version} but ${file.path} pins ${pin.version}; regenerate the lock (\`slipway deps lock\`).`,
          ...at(lockFile, lock.versionStart, lock.versionEnd),
          related: [related(file, pin.start, pin.end, `${file.path} pins ${pin.version}`)],
        };
        if (!lock.hashed)
          f.fixes = [
            {
              title: `Update the lock to ${pin.version}`,
              edits: [replaceEdit(lockFile, lock.versionStart, lock.versionEnd, pin.version)],
            },
          ];
        out.push(f);
      }
    } else if (entry.url && lock.url && entry.url !== lock.url && lockFile && lock.req) {
      out.push({
        rule: versionMismatch.id,
        severity: versionMismatch.defaultSeverity,
        message: `\`${entry.name ?? entry.url}\` points at ${entry.url} here but at ${lock.url} in the lock; make both name the same source.`,
        ...at(file, entry.start, entry.end),
        related: [related(lockFile, lock.req.start, lock.req.end, 'the lock entry')],
      });
      out.push({
        rule: versionMismatch.id,
        severity: versionMismatch.defaultSeverity,
        message: `the lock points \`${lock.name}\` at ${lock.url} but ${file.path} at ${entry.url}; regenerate the lock.`,
        ...at(lockFile, lock.req.start, lock.req.end),
        related: [related(file, entry.start, entry.end, 'the requirement')],
      });
    }
  }
  return out;
}
