import type { Finding } from '../../finding.js';
import { pinOf } from '../../requirements/pin.js';
import { isDeclared } from '../../requirements/declared-requirement.js';
import type { RequirementEntry } from '../../requirements/requirements-file.js';
import type { Rule } from '../../rule.js';
import type { DepFile } from '../../requirements/dep-file.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, replaceEdit } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const unpinnedRequirement: Rule<PairRun> = {
  id: 'DEP001',
  name: 'unpinned-requirement',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'requirement not pinned',
  docs: {
    what:
      'Every requirement must name exactly one release: `name==1.2.3` (or `name===1.2.3`, an exact ' +
      'string match).',
    why:
      'Ranges (`>=`, `~=`, `<`), `==1.2.*` (a prefix match, not a pin) and several specifiers let a new ' +
      'upload change what is installed without a review. URL, path and editable requirements cannot be ' +
      'pinned with `==`; they are flagged unless the pair sets `url_requirements: allow`. Lock entries ' +
      'that are not exact pins are flagged too.',
    fix: 'Pin the exact version; the quick fix pins to the version the lock holds.',
    suppress: commentSuppressDocs('DEP001'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'fastapi>=0.100\n' + 'requests==2.31.*\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
    ],
  },
  check: ({ pair, match }) => checkUnpinned(pair, match),
};

function why(req: RequirementEntry): string {
  if (req.kind !== 'pep508' || req.editable)
    return 'is a URL, path or editable requirement, which cannot be pinned with `==`';
  const specs = req.specifiers;
  if (specs.length === 0) return 'is not pinned';
  if (specs.length > 1)
    return `has ${specs.length} specifiers (${specs.map((s) => s.op + s.version).join(', ')}) instead of one \`==\` pin`;
  const s = specs[0] as { op: string; version: string };
  if (s.op === '==' && s.version.endsWith('.*'))
    return `uses \`==${s.version}\`, a prefix match that is not a pin`;
  return `uses \`${s.op}${s.version}\`, a range that is not a pin`;
}

function fixFor(file: DepFile, req: RequirementEntry, match: LockMatch): Finding['fixes'] {
  if (req.kind !== 'pep508' || req.editable) return undefined;
  const lock = match.entryFor(req);
  if (!lock?.version || lock.url) return undefined;
  const hasSpec = req.specifiers.length > 0;
  const start = hasSpec ? req.specStart : req.extrasEnd >= 0 ? req.extrasEnd : req.nameEnd;
  const end = hasSpec ? req.specEnd : start;
  return [
    {
      title: `Pin to ${lock.version} (the lock's version)`,
      edits: [replaceEdit(file, start, end, `==${lock.version}`)],
    },
  ];
}

export function checkUnpinned(facts: PairFacts, match: LockMatch): Finding[] {
  const out: Finding[] = [];
  const allowUrls = facts.pair.url_requirements === 'allow';
  // Requirements that agree with their lock entry are pinned: only the others can be unpinned.
  for (const { file, entry } of match.candidates) {
    // pyproject.toml declares ranges on purpose; its lock holds the pins (DEP012 checks them).
    if (pinOf(entry) || isDeclared(entry)) continue;
    const isUrl = entry.kind !== 'pep508' || entry.editable;
    if (isUrl && allowUrls) continue;
    const name = entry.name ?? entry.source;
    const f: Finding = {
      rule: unpinnedRequirement.id,
      severity: unpinnedRequirement.defaultSeverity,
      message: `\`${name}\` ${why(entry)}; pin it to one release with \`==\`${isUrl ? ' (or set `url_requirements: allow` in the policy)' : ''}.`,
      ...at(file, entry.start, entry.end),
    };
    const fixes = fixFor(file, entry, match);
    if (fixes) f.fixes = fixes;
    out.push(f);
  }
  // URL lock entries mirror URL requirements, which are reported (or allowed) in the requirements.
  for (const e of match.unpinnedLockEntries) {
    const req = e.req as RequirementEntry;
    const file = match.lockFile(e);
    if (!file) continue;
    out.push({
      rule: unpinnedRequirement.id,
      severity: unpinnedRequirement.defaultSeverity,
      message: `lock entry \`${e.name}\` ${why(req)}; a lock must pin every package with \`==\` (regenerate it with \`slipway deps lock\`).`,
      ...at(file, req.start, req.end),
    });
  }
  return out;
}
