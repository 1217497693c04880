import semver from 'semver';

/**
 * semver's `validRange`, `valid` and `satisfies`, with what they parse kept by its text. In the
 * editor a workspace's every manifest is checked again at each keystroke in one of them: the same
 * few hundred ranges and versions, each parse a dozen regular expressions (semver's own cache
 * still splits and trims the text on every call), and the same pairs of them tested. Bounded: a long-lived server forgets it all
 * once it holds more than MAX texts. Same answers as the functions they stand for (`loose`).
 */
const MAX = 20_000;
const ranges = new Map<string, semver.Range | null>();
const versions = new Map<string, string | null>();
/**
 * satisfies' answers by range, then version (`Range.test` parses the version again at each call);
 * two maps rather than one keyed by both: no key string is built at each call.
 */
const answers = new Map<string, Map<string, boolean>>();
let answered = 0;

function remember<T>(map: Map<string, T>, key: string, make: () => T): T {
  const known = map.get(key);
  if (known !== undefined || map.has(key)) return known as T;
  if (map.size >= MAX) map.clear();
  const value = make();
  map.set(key, value);
  return value;
}

function rangeOf(text: string): semver.Range | null {
  return remember(ranges, text, () => {
    try {
      return new semver.Range(text, { loose: true });
    } catch {
      return null;
    }
  });
}

/** `semver.validRange(text, { loose: true })`. */
export function validRange(text: string): string | null {
  const r = rangeOf(text);
  return r === null ? null : r.range || '*';
}

/** `semver.valid(text, { loose: true })`. */
export function validVersion(text: string): string | null {
  return remember(versions, text, () => semver.valid(text, { loose: true }));
}

/** `semver.satisfies(version, range, { loose: true })`. */
export function satisfies(version: string, range: string): boolean {
  let byVersion = answers.get(range);
  const known = byVersion?.get(version);
  if (known !== undefined) return known;
  if (answered >= MAX) {
    answers.clear();
    answered = 0;
    byVersion = undefined;
  }
  if (!byVersion) {
    byVersion = new Map();
    answers.set(range, byVersion);
  }
  const r = rangeOf(range);
  let answer = false;
  if (r !== null)
    try {
      answer = r.test(version);
    } catch {
      answer = false;
    }
  byVersion.set(version, answer);
  answered++;
  return answer;
}
