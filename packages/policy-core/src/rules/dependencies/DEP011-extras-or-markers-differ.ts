import { isDeclared } from '../../requirements/declared-requirement.js';
import type { Finding } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { extrasDiffer, markersDiffer } from './facts/lock-agreement.js';
import { replaceLockRequirement, withExtrasAndMarker } from './facts/lock-edits.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, related } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const extrasOrMarkersDiffer: Rule<PairRun> = {
  id: 'DEP011',
  name: 'extras-or-markers-differ',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'extras or markers differ between requirements and lock',
  docs: {
    what:
      'The requirement and its lock entry name the same version but ask for different extras ' +
      '(`requests[socks]` against `requests`) or different environment markers. Checked for ' +
      'requirements-style locks (uv.lock and poetry.lock record neither per entry).',
    why:
      'Installing from the lock gives another set of packages than the requirements describe. Extras ' +
      "are compared after PEP 685 normalisation and markers in packaging's normal form. With `mode: " +
      'superset` the lock may carry more extras than the requirement (pip-compile merges the extras ' +
      'every requester asks for: `pydantic[email]` for `pydantic`) or none (`--strip-extras`); only a ' +
      'lock entry that lists extras but not a requested one differs.',
    fix:
      'Regenerate the lock, or copy the extras and marker onto the lock entry; the quick fix does that, ' +
      'keeping its version and hashes.',
    suppress: commentSuppressDocs('DEP011'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'requests[socks]==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'requests==2.31.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'requests[SOCKS]==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'requests[socks]==2.31.0\n',
        },
      },
    ],
  },
  check: ({ pair, match }) => checkExtrasAndMarkers(pair, match),
};

export function checkExtrasAndMarkers(facts: PairFacts, match: LockMatch): Finding[] {
  if (facts.lockFormat !== 'requirements' || !match.lockReadable) return [];
  const out: Finding[] = [];
  // A requirement that agrees with its lock entry has its extras and marker: only the others can differ.
  for (const { file, entry } of match.candidates) {
    const lock = match.entryFor(entry);
    // An exported lock (`uv export`) rewrites pyproject.toml's markers and extras its own way.
    if (!lock?.req || isDeclared(entry)) continue;
    const extras = extrasDiffer(entry, lock, facts.pair.mode);
    const markers = markersDiffer(entry, lock);
    if (!extras && !markers) continue;
    const lockFile = match.lockFile(lock);
    if (!lockFile) continue;
    const what = [
      extras
        ? `the requirement asks for extras [${entry.extras.join(',')}], the lock for [${lock.extras.join(',')}]`
        : '',
      markers
        ? `the requirement's marker is \`${entry.markerText ?? '(none)'}\`, the lock's \`${lock.markerText ?? '(none)'}\``
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    const f: Finding = {
      rule: extrasOrMarkersDiffer.id,
      severity: extrasOrMarkersDiffer.defaultSeverity,
      message: `lock entry \`${lock.name}\` differs from the requirement: ${what}; regenerate the lock or align the two lines.`,
      ...at(lockFile, lock.req.start, lock.req.end),
      related: [related(file, entry.start, entry.end, 'the requirement')],
    };
    const text = withExtrasAndMarker(lockFile, lock, entry);
    const e = text !== undefined ? replaceLockRequirement(lockFile, lock, text) : undefined;
    if (e) f.fixes = [{ title: "Copy the requirement's extras and marker to the lock", edits: [e] }];
    out.push(f);
  }
  return out;
}
