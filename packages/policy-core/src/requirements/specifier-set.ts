import { compareVersions, parseVersion, type Version } from './pep440-version.js';

/**
 * Whether a version satisfies a PEP 440 specifier set, as packaging's
 * `SpecifierSet.contains(version, prereleases=True)` decides: every specifier must hold.
 * Pre-releases are accepted because a lock may pin one on purpose (uv's `prerelease` setting,
 * Poetry's `allow-prereleases`); what a lock must not do is leave the declared range.
 */
export interface SpecifierLike {
  op: string;
  version: string;
}

/**
 * True or false when every part could be read; undefined when the version or a specifier is
 * not PEP 440 (a caller then has nothing to report, rather than a guess).
 */
export function satisfiesAll(version: string, specifiers: readonly SpecifierLike[]): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  let result = true;
  for (const s of specifiers) {
    const one = satisfies(v, version, s);
    if (one === undefined) return undefined;
    if (!one) result = false;
  }
  return result;
}

/** One specifier against a parsed version (`text` is the version as written, for `===`). */
function satisfies(v: Version, text: string, s: SpecifierLike): boolean | undefined {
  if (s.op === '===') return text.trim().toLowerCase() === s.version.trim().toLowerCase();
  if ((s.op === '==' || s.op === '!=') && s.version.endsWith('.*')) {
    const prefix = parseVersion(s.version.slice(0, -2));
    if (!prefix || prefix.local) return undefined;
    const hit = prefixMatches(v, prefix);
    return s.op === '==' ? hit : !hit;
  }
  const spec = parseVersion(s.version);
  if (!spec) return undefined;
  switch (s.op) {
    case '==':
      return equal(v, spec);
    case '!=':
      return !equal(v, spec);
    case '<=':
      return compareVersions(publicOf(v), spec) <= 0;
    case '>=':
      return compareVersions(publicOf(v), spec) >= 0;
    case '<':
      // `<2.0` does not admit 2.0's own pre-releases unless it names a pre-release itself.
      if (compareVersions(v, spec) >= 0) return false;
      return !(!isPre(spec) && isPre(v) && sameBase(v, spec));
    case '>':
      // `>1.0` does not admit 1.0's post-releases (unless it names one) or 1.0+local.
      if (compareVersions(v, spec) <= 0) return false;
      if (spec.post === undefined && v.post !== undefined && sameBase(v, spec)) return false;
      return !(v.local && sameBase(v, spec));
    case '~=': {
      if (spec.release.length < 2) return undefined;
      const prefix: Version = { epoch: spec.epoch, release: spec.release.slice(0, -1) };
      return compareVersions(publicOf(v), spec) >= 0 && prefixMatches(v, prefix);
    }
    default:
      return undefined;
  }
}

/** `==`: a specifier without a local version ignores the candidate's (`==1.0` holds 1.0+cpu). */
function equal(v: Version, spec: Version): boolean {
  return compareVersions(spec.local ? v : publicOf(v), spec) === 0;
}

function publicOf(v: Version): Version {
  if (!v.local) return v;
  const { local: _, ...rest } = v;
  return rest;
}

function isPre(v: Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

/** Same epoch and release (packaging's `base_version`, trailing zeros not significant). */
function sameBase(a: Version, b: Version): boolean {
  return (
    compareVersions({ epoch: a.epoch, release: a.release }, { epoch: b.epoch, release: b.release }) === 0
  );
}

/**
 * packaging's prefix match: both versions split into components (epoch, release numbers, then
 * any pre/post/dev part), the candidate's release padded with zeros to the prefix's length,
 * then the prefix's components compared one for one.
 */
function prefixMatches(v: Version, prefix: Version): boolean {
  const want = components(prefix);
  const have = components(publicOf(v), prefix.release.length);
  for (let i = 0; i < want.length; i++) if (want[i] !== have[i]) return false;
  return true;
}

function components(v: Version, padTo = 0): string[] {
  const release = v.release.map(String);
  while (release.length < padTo) release.push('0');
  const out = [`${v.epoch}`, ...release];
  if (v.pre) out.push(`${v.pre[0]}${v.pre[1]}`);
  if (v.post !== undefined) out.push(`post${v.post}`);
  if (v.dev !== undefined) out.push(`dev${v.dev}`);
  return out;
}
