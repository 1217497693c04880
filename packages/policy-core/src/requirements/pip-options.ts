/**
 * The options pip accepts in a requirements file (`req_file.SUPPORTED_OPTIONS` and
 * `SUPPORTED_OPTIONS_REQ` of pip 23), split the way pip splits them: `shlex.split` of the
 * option part, then optparse (long options may be abbreviated to a unique prefix).
 */
export interface OptionSpec {
  /** Canonical long name, e.g. "--requirement". */
  name: string;
  short?: string;
  aliases?: string[];
  takesValue: boolean;
  /** May appear on a requirement line (scoped to that requirement). */
  perRequirement?: boolean;
}

export const PIP_OPTIONS: OptionSpec[] = [
  { name: '--index-url', short: '-i', aliases: ['--pypi-url'], takesValue: true },
  { name: '--extra-index-url', takesValue: true },
  { name: '--no-index', takesValue: false },
  { name: '--constraint', short: '-c', takesValue: true },
  { name: '--requirement', short: '-r', takesValue: true },
  { name: '--editable', short: '-e', takesValue: true },
  { name: '--find-links', short: '-f', takesValue: true },
  { name: '--no-binary', takesValue: true },
  { name: '--only-binary', takesValue: true },
  { name: '--prefer-binary', takesValue: false },
  { name: '--require-hashes', takesValue: false },
  { name: '--pre', takesValue: false },
  { name: '--trusted-host', takesValue: true },
  { name: '--use-feature', takesValue: true },
  { name: '--install-option', takesValue: true, perRequirement: true },
  { name: '--global-option', takesValue: true, perRequirement: true },
  { name: '--hash', takesValue: true, perRequirement: true },
];

const LONG = new Map<string, OptionSpec>();
const SHORT = new Map<string, OptionSpec>();
for (const o of PIP_OPTIONS) {
  LONG.set(o.name, o);
  for (const a of o.aliases ?? []) LONG.set(a, o);
  if (o.short) SHORT.set(o.short, o);
}

export interface ShellToken {
  value: string;
  /** Offsets of the raw token in the split string. */
  start: number;
  end: number;
}

export class OptionError {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** `shlex.split` (POSIX mode, no comments) with token offsets. */
export function shellSplit(s: string): ShellToken[] | OptionError {
  if (!/['"\\]/.test(s)) return plainSplit(s);
  const out: ShellToken[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && ' \t\r\n'.includes(s[i] as string)) i++;
    if (i >= n) break;
    const start = i;
    let value = '';
    while (i < n && !' \t\r\n'.includes(s[i] as string)) {
      const c = s[i] as string;
      if (c === "'") {
        const e = s.indexOf("'", i + 1);
        if (e < 0) return new OptionError('No closing quotation', start, n);
        value += s.slice(i + 1, e);
        i = e + 1;
      } else if (c === '"') {
        i++;
        for (;;) {
          if (i >= n) return new OptionError('No closing quotation', start, n);
          const d = s[i] as string;
          if (d === '"') break;
          if (d === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) {
            value += s[i + 1];
            i += 2;
          } else {
            value += d;
            i++;
          }
        }
        i++;
      } else if (c === '\\') {
        if (i + 1 >= n) return new OptionError('No escaped character', start, n);
        value += s[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    out.push({ value, start, end: i });
  }
  return out;
}

/** Whitespace split without quotes or escapes to honour: the common option line, allocation-light. */
function plainSplit(s: string): ShellToken[] {
  const out: ShellToken[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    while (i < n && (c === 32 || c === 9 || c === 13 || c === 10)) c = s.charCodeAt(++i);
    if (i >= n) break;
    const start = i;
    while (i < n && c !== 32 && c !== 9 && c !== 13 && c !== 10) c = s.charCodeAt(++i);
    out.push({ value: s.slice(start, i), start, end: i });
  }
  return out;
}

export interface ParsedOption {
  spec: OptionSpec;
  value?: string;
  /** Offsets of the option (and its value) in the split string. */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

function matchLong(opt: string, start: number, end: number): OptionSpec | OptionError {
  const exact = LONG.get(opt);
  if (exact) return exact;
  const candidates = [...LONG.keys()].filter((k) => k.startsWith(opt));
  const specs = new Set(candidates.map((k) => LONG.get(k)));
  if (specs.size === 1) return [...specs][0] as OptionSpec;
  if (candidates.length === 0) return new OptionError(`no such option: ${opt}`, start, end);
  return new OptionError(`ambiguous option: ${opt} (${candidates.sort().join(', ')}?)`, start, end);
}

/** An option with its value in its own token from `offset` on: `--index-url=URL`, `-iURL`. */
function valueInToken(spec: OptionSpec, tok: ShellToken, offset: number): ParsedOption {
  return {
    spec,
    value: tok.value.slice(offset),
    start: tok.start,
    end: tok.end,
    valueStart: tok.start + offset,
    valueEnd: tok.end,
  };
}

/** An option whose value is the next token: `--index-url URL`, `-i URL`. */
function valueInNext(spec: OptionSpec, tok: ShellToken, next: ShellToken): ParsedOption {
  return {
    spec,
    value: next.value,
    start: tok.start,
    end: next.end,
    valueStart: next.start,
    valueEnd: next.end,
  };
}

/** optparse over shell tokens; positional arguments are ignored, as pip ignores them. */
export function parseOptions(tokens: ShellToken[]): ParsedOption[] | OptionError {
  const out: ParsedOption[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k] as ShellToken;
    const v = tok.value;
    if (v === '--') break;
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      const spec = matchLong(name, tok.start, tok.end);
      if (spec instanceof OptionError) return spec;
      if (!spec.takesValue) {
        if (eq >= 0) return new OptionError(`${spec.name} option does not take a value`, tok.start, tok.end);
        out.push({ spec, start: tok.start, end: tok.end, valueStart: tok.end, valueEnd: tok.end });
        continue;
      }
      if (eq >= 0) {
        out.push(valueInToken(spec, tok, eq + 1));
        continue;
      }
      const next = tokens[k + 1];
      if (!next) return new OptionError(`${spec.name} option requires 1 argument`, tok.start, tok.end);
      k++;
      out.push(valueInNext(spec, tok, next));
    } else if (v.startsWith('-') && v.length > 1) {
      const spec = SHORT.get(v.slice(0, 2));
      if (!spec) return new OptionError(`no such option: ${v.slice(0, 2)}`, tok.start, tok.end);
      if (v.length > 2) {
        out.push(valueInToken(spec, tok, 2));
        continue;
      }
      const next = tokens[k + 1];
      if (!next) return new OptionError(`${spec.short} option requires 1 argument`, tok.start, tok.end);
      k++;
      out.push(valueInNext(spec, tok, next));
    }
  }
  return out;
}

export const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];

/** pip's `--hash` callback: `algo:digest` with a strong algorithm. */
export function checkHash(value: string): string | undefined {
  const colon = value.indexOf(':');
  if (colon < 0)
    return 'Arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...';
  if (!STRONG_HASHES.includes(value.slice(0, colon)))
    return 'Allowed hash algorithms for --hash are sha256, sha384, sha512.';
  return undefined;
}
