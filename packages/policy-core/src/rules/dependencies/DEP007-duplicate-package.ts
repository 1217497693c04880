import { appendAll } from '../../append-all.js';
import { isDeclared } from '../../requirements/declared-requirement.js';
import type { Finding } from '../../finding.js';
import { markersDisjoint } from '../../requirements/marker.js';
import { sameVersion } from '../../requirements/pep440-version.js';
import { pinOf } from '../../requirements/pin.js';
import type { RequirementEntry } from '../../requirements/requirements-file.js';
import type { Rule } from '../../rule.js';
import type { DepFile } from '../../requirements/dep-file.js';
import type { LockMatch } from './facts/lock-match.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, related, replaceEdit } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { depSuppressDocs } from '../suppress-docs.js';
import { npmDeclaredTwiceFindings } from './facts/npm-declared-twice.js';

export const duplicatePackage: Rule<PairRun> = {
  id: 'DEP007',
  name: 'duplicate-package',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'the same package twice',
  docs: {
    what:
      'A package listed twice (after PEP 503 normalisation) in one requirements file or in a ' +
      'requirements-style lock, or pinned to two different versions in files installed together ' +
      '(one includes the other with `-r`). Lines whose environment markers never hold together ' +
      '(`sys_platform == "win32"` and `sys_platform != "win32"`) are allowed, and so is a package ' +
      'named in a layered file and pinned in the file it includes: that is how layering works. ' +
      'In a package.json, a name declared in two of `dependencies`, `devDependencies` and ' +
      '`optionalDependencies` (beside `peerDependencies` is how a package tests against its peer, ' +
      'and is allowed): each tool installs one of them and ignores the rest, and they differ on ' +
      'which (npm and Yarn Berry install the `devDependencies` one, pnpm and Yarn classic the ' +
      '`dependencies` one; all four prefer `optionalDependencies` to `dependencies`; Bun warns and ' +
      'keeps both). The lock is judged ' +
      'against the one the tool installs by, and this finding stands on each one it ignores.',
    why:
      'Twice in one file, the file says two things about one package: a review or an update tool ' +
      "sees one line and misses the other, and which version was meant is anyone's guess (pip merges " +
      'the lines since its 2020 resolver and fails only when they conflict). Two different pins in ' +
      'files installed together do conflict: pip cannot satisfy both, and the install fails. In a ' +
      'package.json the ignored declaration reads as if it were installed, and under npm a ' +
      'dependency also declared in `devDependencies` is a dev dependency, which `npm install ' +
      '--omit=dev` leaves out.',
    fix:
      'Keep one line. When both lines are identical the quick fix deletes the second. In a ' +
      'package.json, remove one of the two declarations and relock.',
    suppress: depSuppressDocs('DEP007'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'requests==2.31.0\n' + 'fastapi==0.110.0\n' + 'Requests==2.31.0\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n' + 'requests==2.31.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: 'pywin32==306 ; sys_platform == "win32"\n' + 'pywin32==305 ; sys_platform != "win32"\n',
        beside: {
          'backend/requirements.lock':
            'pywin32==306 ; sys_platform == "win32"\n' + 'pywin32==305 ; sys_platform != "win32"\n',
        },
      },
      {
        verdict: 'flagged',
        file: 'package.json',
        text:
          '{\n' +
          '  "name": "shop",\n' +
          '  "dependencies": { "ms": "2.1.2" },\n' +
          '  "devDependencies": { "ms": "^2.1.3" }\n' +
          '}\n',
        beside: {
          'pnpm-lock.yaml':
            "lockfileVersion: '9.0'\n\n" +
            'importers:\n\n' +
            '  .:\n' +
            '    dependencies:\n' +
            '      ms:\n' +
            '        specifier: 2.1.2\n' +
            '        version: 2.1.2\n\n' +
            'packages:\n\n' +
            '  ms@2.1.2:\n' +
            '    resolution: {integrity: sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w==}\n',
          'slipway.yaml':
            'version: 1\n' +
            'dependencies:\n' +
            '  requirements: package.json\n' +
            '  lock: pnpm-lock.yaml\n',
        },
      },
    ],
  },
  check: ({ pair, match }) =>
    pair.npm ? npmDeclaredTwiceFindings(pair, duplicatePackage) : checkDuplicates(pair, match),
};

function textBetween(file: DepFile, start: number, end: number): string {
  return file.text.slice(start, end);
}

function check(entries: { file: DepFile; entry: RequirementEntry }[], where: string): Finding[] {
  const out: Finding[] = [];
  type Item = { file: DepFile; entry: RequirementEntry };
  // Most keys occur once: store the item itself, and a list only from the second one on.
  const byKey = new Map<string, Item | Item[]>();
  for (const x of entries) {
    if (!x.entry.key) continue;
    const seen = byKey.get(x.entry.key);
    if (seen === undefined) {
      byKey.set(x.entry.key, x);
      continue;
    }
    const list = Array.isArray(seen) ? seen : [seen];
    const clash = list.find(
      (prev) =>
        !(prev.entry.marker && x.entry.marker && markersDisjoint(prev.entry.marker, x.entry.marker)) &&
        (prev.file === x.file || pinsConflict(prev.entry, x.entry)),
    );
    list.push(x);
    byKey.set(x.entry.key, list);
    if (!clash) continue;
    const first = `${clash.file.path} line ${clash.file.position(clash.entry.start).line + 1}`;
    const f: Finding = {
      rule: duplicatePackage.id,
      severity: duplicatePackage.defaultSeverity,
      message:
        clash.file === x.file
          ? `\`${x.entry.name}\` is already listed in ${where} (${first}); keep one line, or give both lines markers that never hold together.`
          : `\`${x.entry.name}\` is pinned to ${pinOf(x.entry)?.version} here and to ${pinOf(clash.entry)?.version} in ${first}, and the two files are installed together: pip cannot satisfy both; keep one pin.`,
      ...at(x.file, x.entry.nameStart, x.entry.nameEnd),
      related: [related(clash.file, clash.entry.nameStart, clash.entry.nameEnd, 'first listed here')],
    };
    const same =
      x.file === clash.file &&
      textBetween(x.file, x.entry.line.start, x.entry.line.end) ===
        textBetween(clash.file, clash.entry.line.start, clash.entry.line.end);
    if (same) {
      const text = x.file.text;
      const start = text.lastIndexOf('\n', x.entry.line.start - 1) + 1;
      const nl = text.indexOf('\n', x.entry.line.end);
      f.fixes = [
        {
          title: `Remove the second ${x.entry.name} line`,
          edits: [replaceEdit(x.file, start, nl < 0 ? text.length : nl + 1, '')],
        },
      ];
    }
    out.push(f);
  }
  return out;
}

/**
 * Two files installed together (one includes the other) that pin a package to different
 * versions. Naming a package in one and pinning it in the other, or pinning it alike, is how
 * layered requirements work (`-r base.txt`), and pip merges the lines: not a clash.
 */
function pinsConflict(a: RequirementEntry, b: RequirementEntry): boolean {
  const pa = pinOf(a);
  const pb = pinOf(b);
  return pa !== undefined && pb !== undefined && !sameVersion(pa.version, pb.version);
}

const lockMemo = new WeakMap<DepFile, Finding[]>();

export function checkDuplicates(facts: PairFacts, match: LockMatch): Finding[] {
  // Only requirements whose key another one names can clash; the order among them is kept.
  // pyproject.toml may name a package in several groups, or twice under different markers:
  // the tool merges them into one resolution, so only requirements files can clash.
  const out = check(
    match.repeated.filter((x) => !isDeclared(x.entry)),
    'the requirements',
  );
  for (const file of facts.lockFiles) {
    let found = lockMemo.get(file);
    if (!found) {
      // Only entries whose key the lock lists twice can clash: the others are not looked at.
      const repeats = match.repeatedLockKeys;
      const items: { file: DepFile; entry: RequirementEntry }[] = [];
      if (repeats.size > 0)
        for (const entry of file.parsed.requirements)
          if (entry.key && repeats.has(entry.key)) items.push({ file, entry });
      found = check(items, 'the lock');
      lockMemo.set(file, found);
    }
    appendAll(out, found);
  }
  return out;
}
