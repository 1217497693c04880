import { touchedPaths } from '../../../change-set.js';
import type { Finding } from '../../../finding.js';
import type { CheckContext } from '../../../rule.js';
import { declaredIn, type NpmSection } from '../../../requirements/npm/npm-manifest.js';
import { firstChangedLine } from './first-changed-line.js';
import { type NpmDeclarationsChange, npmDeclarationsChange } from './npm-declarations-change.js';
import { overridesDifference, pnpmLockOverrides } from './pnpm-lock-overrides.js';
import { pnpmOverridesRead } from './pnpm-overrides-read.js';
import { type NpmDrift, npmDrift } from './npm-drift.js';
import type { OverridePin } from './override-pins.js';
import type { PairFacts } from './pair-facts.js';
import { at, related } from './where.js';

/**
 * The findings of the DEP rules whose meaning holds for an npm-family pair, one function per
 * rule (DEP003, DEP005, DEP012, DEP013 call theirs), all on the package.json line a person edits:
 * the lock is machine-written and GitHub collapses its diff.
 */
type RuleLike = { id: string; defaultSeverity: Finding['severity'] };

/** What regenerates an npm-family lock. */
export function npmRelock(facts: PairFacts): string {
  const tool = facts.lockFormat;
  return `\`${tool === 'pnpm' || tool === 'yarn' || tool === 'bun' ? tool : 'npm'} install\``;
}

function where(d: NpmDrift): { start: number; end: number } {
  if (d.kind !== 'unrequired') return { start: d.declared.start, end: d.declared.end };
  const key = d.at.manifest.sectionKeys[d.locked.section];
  return key ?? { start: 0, end: 0 };
}

function drift(
  facts: PairFacts,
  rule: RuleLike,
  kind: NpmDrift['kind'],
  say: (d: NpmDrift) => string,
): Finding[] {
  const lock = facts.npm?.lockFile;
  return npmDrift(facts)
    .filter((d) => d.kind === kind)
    .map((d) => {
      const w = where(d);
      const f: Finding = {
        rule: rule.id,
        severity: rule.defaultSeverity,
        message: `${say(d)}; run ${npmRelock(facts)} and commit ${facts.pair.lock} with ${d.at.file.path}.`,
        ...at(d.at.file, w.start, w.end),
      };
      if (lock) f.related = [related(lock, 0, 0, 'the lock that no longer follows it')];
      return f;
    });
}

/** `dependencies of web/package.json`, or a pnpm catalog: `catalog of pnpm-workspace.yaml`. */
const section = (s: NpmSection, path: string, catalog?: string) =>
  `${declaredIn({ section: s, ...(catalog === undefined ? {} : { catalog }) })} of ${path}`;

/** What a dependency asks for: its specifier, or the override put over it and where that is set. */
const asked = (spec: string, o: OverridePin | undefined) =>
  o ? `${o.spec} (${o.by} of ${o.source}, over its ${spec})` : spec;

export function npmMissingFromLock(facts: PairFacts, rule: RuleLike): Finding[] {
  return drift(facts, rule, 'missing', (d) =>
    d.kind === 'missing'
      ? d.catalogSource
        ? `\`${d.declared.name}\` (${section(d.declared.section, d.at.file.path)}) asks for ${d.declared.spec}, and ${d.catalogSource} defines no such catalog entry (pnpm and Bun refuse to install it); add it to the catalog there`
        : d.descriptor
          ? `\`${d.declared.name}\` (${section(d.declared.section, d.at.file.path, d.declared.catalog)}) asks for ${asked(d.declared.spec, d.override)}, and ${facts.pair.lock} has no entry for \`${d.descriptor}\``
          : `\`${d.declared.name}\` (${section(d.declared.section, d.at.file.path, d.declared.catalog)}) is not in the lock ${facts.pair.lock}`
      : '',
  );
}

/** A range asked for beside the root package.json's override pnpm 11 does not read. */
const notRead = (spec: string, o: OverridePin | undefined) =>
  o
    ? `${spec} (${o.by} of ${o.source} is not read by pnpm 11, the version the root package.json names; pnpm 11 reads overrides from pnpm-workspace.yaml only)`
    : spec;

export function npmOutsideRange(facts: PairFacts, rule: RuleLike): Finding[] {
  return drift(facts, rule, 'outside', (d) =>
    d.kind === 'outside'
      ? `\`${d.declared.name}\` (${section(d.declared.section, d.at.file.path, d.declared.catalog)}) asks for ${d.override ? asked(d.declared.spec, d.override) : notRead(d.declared.spec, d.overrideNotRead)}, but ${facts.pair.lock} installs ${d.locked.version}, outside that range`
      : '',
  );
}

export function npmUnrequired(facts: PairFacts, rule: RuleLike): Finding[] {
  return drift(facts, rule, 'unrequired', (d) =>
    d.kind === 'unrequired'
      ? `${facts.pair.lock} still records \`${d.name}\` in ${section(d.locked.section, d.at.file.path)}, which no longer declares it (the lock would install it)`
      : '',
  );
}

/**
 * DEP013: a change moved a manifest's declarations and left the lock as it was; for pnpm, or
 * edited the lock and left its `overrides:` short of the map pnpm reads (pnpmOverridesBehind).
 */
export function npmDeclarationsWithoutLock(ctx: CheckContext, facts: PairFacts, rule: RuleLike): Finding[] {
  const change = ctx.change;
  if (!change) return [];
  const lock = facts.pair.lock;
  const relocked = touchedPaths(change).includes(lock) && change.readBase?.(lock) !== ctx.repo.readFile(lock);
  if (relocked && facts.npm?.lock?.format !== 'pnpm') return [];
  const moved = npmDeclarationsChange(ctx, facts);
  if (!moved) return [];
  const file = moved.at.file;
  const d = moved.added[0];
  const place = d
    ? at(file, d.start, d.end)
    : { file: file.path, range: firstChangedLine(change.readBase?.(file.path), file.text) };
  if (relocked) return pnpmOverridesBehind(facts, moved, rule, place);
  const what = d
    ? ` (${declaredIn(d)}: \`${d.catalog === undefined ? `"${d.name}": "${d.spec}"` : `${d.name}: ${d.spec}`}\`${moved.added.length > 1 ? ` and ${moved.added.length - 1} more` : ''})`
    : '';
  // Named, not counted as "more package.json": the other may be pnpm-workspace.yaml's overrides.
  const o = moved.others;
  const others =
    o.length === 0
      ? ''
      : ` and in ${o.length <= 3 ? o.join(', ') : `${o.slice(0, 2).join(', ')} and ${o.length - 2} more files`}`;
  const f: Finding = {
    rule: rule.id,
    severity: rule.defaultSeverity,
    message: `this change edits the dependency declarations in ${file.path}${what}${others} but not ${lock}; run ${npmRelock(facts)} and commit ${lock} with it.`,
    ...place,
  };
  if (facts.npm?.lockFile)
    f.related = [related(facts.npm.lockFile, 0, 0, 'the lock this change leaves as it was')];
  return [f];
}

/**
 * DEP013 on a pnpm pair whose change edited the lock too: the lock's `overrides:` must be the map
 * pnpm reads now, resolved as pnpm writes it (pnpm-lock-overrides.ts), or `pnpm install
 * --frozen-lockfile` refuses it whatever else the lock holds (ERR_PNPM_LOCKFILE_CONFIG_MISMATCH:
 * pnpm's lockfile/settings-checker compares the two with ramda's `equals`). A lock regenerated by
 * another pnpm than the one the root names, or edited by hand, gets here.
 */
function pnpmOverridesBehind(
  facts: PairFacts,
  moved: NpmDeclarationsChange,
  rule: RuleLike,
  edited: Pick<Finding, 'file' | 'range'>,
): Finding[] {
  const npm = facts.npm;
  const locked = npm?.lock?.overrides;
  if (!npm || !locked) return [];
  const root = npm.manifests.find((m) => m.importer === '');
  const ws = npm.pnpmWorkspace;
  const read = pnpmOverridesRead(root?.manifest, ws?.workspace.overrides ?? []);
  const wanted = pnpmLockOverrides(read, root?.manifest, ws?.workspace.catalogs ?? []);
  const differs = wanted && overridesDifference(locked, wanted);
  if (!differs) return [];
  // On the map pnpm reads, where it is written; else (none read) on the edit that emptied it.
  const holder =
    read.file === 'package.json'
      ? root && { file: root.file, key: root.manifest.overrides.find((o) => o.key !== 'overrides') }
      : read.file === 'pnpm-workspace.yaml'
        ? ws && { file: ws.file, key: ws.workspace.overrides[0] }
        : undefined;
  const lock = facts.pair.lock;
  const from =
    read.file === 'package.json' ? 'the root package.json' : (ws?.file.path ?? 'pnpm-workspace.yaml');
  const f: Finding = {
    rule: rule.id,
    severity: rule.defaultSeverity,
    message: `this change edits the dependency declarations in ${moved.at.file.path} and ${lock}, but ${lock}'s \`overrides:\` ${differs}${read.file ? ` (from ${from})` : ''}: \`pnpm install --frozen-lockfile\` refuses it; run ${npmRelock(facts)} with the pnpm the root package.json names and commit ${lock}.`,
    ...(holder?.key ? at(holder.file, holder.key.start, holder.key.end) : edited),
  };
  if (npm.lockFile) f.related = [related(npm.lockFile, 0, 0, 'the lock whose `overrides:` does not follow')];
  return [f];
}
