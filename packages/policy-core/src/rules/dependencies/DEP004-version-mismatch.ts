import { touchedPaths } from '../../change-set.js';
import type { Finding } from '../../finding.js';
import { isDeclared } from '../../requirements/declared-requirement.js';
import { pinOf } from '../../requirements/pin.js';
import type { CheckContext, Rule } from '../../rule.js';
import { pinDiffers } from './facts/lock-agreement.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, related, replaceEdit } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { commentSuppressDocs } from '../suppress-docs.js';

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
      '`1.0.0` are equal), or a URL requirement points somewhere else than its lock entry. Each such ' +
      'pin is one finding, pointing at the other file: on the requirements, or on the lock entry when the ' +
      'change under review touched the lock and not the requirements (the line the diff shows).',
    why:
      'One of the two files was edited without the other, so what is reviewed (the requirements) is not ' +
      'what is installed (the lock).',
    fix:
      "Make the two agree, usually by regenerating the lock. The finding's quick fix updates the lock " +
      'entry to the requirement (offered only when the entry has no hashes, which would be stale).',
    suppress: commentSuppressDocs('DEP004'),
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
  check: ({ ctx, pair, match }) => checkVersionMismatch(pair, match, touchedOf(ctx)),
};

/** The paths the change under review touches; undefined when checking a tree. */
function touchedOf(ctx: CheckContext): ReadonlySet<string> | undefined {
  return ctx.change ? new Set(touchedPaths(ctx.change)) : undefined;
}

/** The change touched the lock and not the requirements file. */
function lockSideOnly(touched: ReadonlySet<string> | undefined, lock: string, requirements: string): boolean {
  return touched ? touched.has(lock) && !touched.has(requirements) : false;
}

/**
 * A pin that differs between the requirements and the lock is one finding, not one from each
 * side: on the requirements (what a person edits and reviews), pointing at the lock entry, unless
 * the change touched the lock and not the requirements, when it sits on the lock's line, in the
 * diff the reviewer reads. The quick fix that updates the lock entry comes with it either way.
 */
export function checkVersionMismatch(
  facts: PairFacts,
  match: LockMatch,
  touched?: ReadonlySet<string>,
): Finding[] {
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
    const onLock = lockFile !== undefined && lockSideOnly(touched, lockFile.path, file.path);
    if (pin && pinDiffers(pin, lock)) {
      const f: Finding =
        onLock && lock.versionStart >= 0
          ? {
              rule: versionMismatch.id,
              severity: versionMismatch.defaultSeverity,
              message: `the lock pins \`${lock.name}\` to ${lock.version} but ${file.path} pins ${pin.version}; regenerate the lock (\`slipway deps lock\`) or change the pin so both agree.`,
              ...at(lockFile, lock.versionStart, lock.versionEnd),
              related: [related(file, pin.start, pin.end, `${file.path} pins ${pin.version}`)],
            }
          : {
              rule: versionMismatch.id,
              severity: versionMismatch.defaultSeverity,
              message: `\`${entry.name}\` is pinned to ${pin.version} here but to ${lock.version} in ${facts.pair.lock}; regenerate the lock or change the pin so both agree.`,
              ...at(file, pin.start, pin.end),
              related: [
                lock.versionStart >= 0 && lockFile
                  ? related(lockFile, lock.versionStart, lock.versionEnd, `the lock pins ${lock.version}`)
                  : {
                      file: lock.file,
                      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                      message: `the lock pins ${lock.version}`,
                    },
              ],
            };
      if (lockFile && lock.versionStart >= 0 && !lock.hashed)
        f.fixes = [
          {
            title: `Update the lock to ${pin.version}`,
            edits: [replaceEdit(lockFile, lock.versionStart, lock.versionEnd, pin.version)],
          },
        ];
      out.push(f);
    } else if (entry.url && lock.url && entry.url !== lock.url && lockFile && lock.req) {
      out.push(
        onLock
          ? {
              rule: versionMismatch.id,
              severity: versionMismatch.defaultSeverity,
              message: `the lock points \`${lock.name}\` at ${lock.url} but ${file.path} at ${entry.url}; regenerate the lock.`,
              ...at(lockFile, lock.req.start, lock.req.end),
              related: [related(file, entry.start, entry.end, 'the requirement')],
            }
          : {
              rule: versionMismatch.id,
              severity: versionMismatch.defaultSeverity,
              message: `\`${entry.name ?? entry.url}\` points at ${entry.url} here but at ${lock.url} in the lock; make both name the same source.`,
              ...at(file, entry.start, entry.end),
              related: [related(lockFile, lock.req.start, lock.req.end, 'the lock entry')],
            },
      );
    }
  }
  return out;
}
