import TOML from '@iarna/toml';
import type * as z from 'zod/mini';
import type { Finding, Range } from '../finding.js';
import { LIMITS, megabytes, NOT_TEXT, nestingPastLimitIn, notTextAt } from '../limits.js';
import { LineIndex } from '../text-position.js';
import type { PolicyDocument, PolicyPath } from './document.js';
import { type Policy, policySchema } from './schema/index.js';
import { TomlLocator } from './toml-locator.js';
import { loadBoundedYaml } from './bounded-yaml.js';
import { RULE_IDS } from '../rule-ids.generated.js';
import { valueAt } from '../value-at.js';

export interface PolicyParseResult {
  /** Present only when the policy is valid. */
  document?: PolicyDocument;
  /** POL001 findings: syntax or schema errors, each at the offending key or value. */
  findings: Finding[];
}

type Locate = (path: PolicyPath, part?: 'key' | 'value') => Range;

/**
 * Parses and validates a policy file's text. Never throws for bad input: every problem becomes
 * a POL001 finding with the exact range, which the CLI prints as `file:line:col: message` and
 * the editor shows in place.
 */
export function parsePolicyText(rawText: string, file = 'slipway.yaml'): PolicyParseResult {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const index = new LineIndex(text);
  const format = file.endsWith('.toml') ? 'toml' : 'yaml';
  const tooBig = overLimits(text, index, file, format === 'yaml');
  if (tooBig) return { findings: [tooBig] };
  const loaded = format === 'toml' ? loadToml(text, index, file) : loadYaml(text, index, file);
  if ('findings' in loaded) return { findings: loaded.findings };

  const result = policySchema.safeParse(loaded.value ?? {});
  if (!result.success) {
    // A misspelt key (`path:`) also makes the key it stands for "required"; the CLI prints the
    // first problem only, so the misspelling, which says what to change, goes first.
    const issues = [...result.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    return { findings: issues.map((issue) => schemaFinding(issue, loaded.value, loaded.locate, file)) };
  }
  const document: PolicyDocument = {
    file,
    text,
    format,
    policy: result.data as Policy,
    input: loaded.value ?? {},
    locate: (path, part = 'value') => loaded.locate(path, part),
  };
  return { document, findings: [] };
}

type Loaded = { value: unknown; locate: Locate } | { findings: Finding[] };

/**
 * Size and nesting limits, checked before any parser runs: a policy is a page of settings,
 * and a megabyte of it or a hundred thousand nested brackets is an attack on the parser's
 * recursion, refused in one scan.
 */
function overLimits(text: string, index: LineIndex, file: string, yaml: boolean): Finding | undefined {
  const { chars, depth } = LIMITS.policy;
  if (text.length > chars)
    return pol001(
      file,
      index.range(0, 0),
      `the policy file is ${megabytes(text.length)}, more than the ${megabytes(chars)} a policy may be; a policy is a page of settings`,
    );
  const bad = notTextAt(text);
  if (bad !== -1)
    return pol001(file, index.range(bad, bad + 1), `the policy file ${NOT_TEXT}; save it as UTF-8`);
  const at = nestingPastLimitIn(text, depth, yaml);
  if (at !== -1)
    return pol001(
      file,
      index.range(at, at + 1),
      `lists and tables nest more than ${depth} levels deep here; a policy needs three or four`,
    );
  return undefined;
}

function loadYaml(text: string, index: LineIndex, file: string): Loaded {
  const loaded = loadBoundedYaml(text, index, LIMITS.policy.yamlAliases);
  if ('problems' in loaded) return { findings: loaded.problems.map((p) => pol001(file, p.range, p.message)) };
  return { value: loaded.value, locate: loaded.locate };
}

function loadToml(text: string, index: LineIndex, file: string): Loaded {
  try {
    const value = TOML.parse(text);
    const locator = new TomlLocator(index);
    return { value, locate: (path, part = 'value') => locator.locate(path, part) };
  } catch (err) {
    const e = err as { line?: number; col?: number; message?: string };
    const line = e.line ?? 0;
    const col = e.col ?? 0;
    const msg = (e.message ?? String(err)).split('\n')[0]?.replace(/ at row \d+, col \d+, pos \d+:?$/, '');
    return {
      findings: [tomlSyntaxFinding(file, text, line, col, msg ?? '')],
    };
  }
}

/**
 * A TOML syntax error. @iarna/toml reports a key defined twice where it stopped reading, after
 * the value; the offending thing is the key (or `[table]` header) that starts that line, so the
 * finding points there and names it.
 */
function tomlSyntaxFinding(
  file: string,
  text: string,
  rawLine: number,
  col: number,
  message: string,
): Finding {
  // The parser's row and column can point just past the text (an unterminated last line).
  const lines = text.split('\n');
  const line = Math.min(rawLine, lines.length - 1);
  const lineText = lines[line] ?? '';
  const character = Math.min(col, lineText.length);
  const at = { start: { line, character }, end: { line, character } };
  if (!/redefine existing/.test(message)) return pol001(file, at, `invalid TOML: ${message}`);
  const key = /^(\s*)(\[\[?[^\]]*\]\]?|[^=\s]+)/.exec(lineText);
  if (!key?.[2]) return pol001(file, at, `invalid TOML: ${message}`);
  const start = key[1]?.length ?? 0;
  return pol001(
    file,
    { start: { line, character: start }, end: { line, character: start + key[2].length } },
    `invalid TOML: \`${key[2]}\` is defined twice; keep one of them`,
  );
}

function schemaFinding(issue: z.core.$ZodIssue, input: unknown, locate: Locate, file: string): Finding {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length ? `\`${formatPath(path)}\`` : 'the top level';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    return pol001(
      file,
      locate([...path, key], 'key'),
      `unknown key \`${formatPath([...path, key])}\`; check its spelling against \`slipway schema\` or remove it`,
    );
  }
  if (path.length > 0 && valueAt(input, path) === undefined) {
    const expected = issue.code === 'invalid_type' ? ` (expected ${issue.expected})` : '';
    return pol001(file, locate(path, 'key'), `${where} is required${expected}; add it`);
  }
  if (issue.code === 'invalid_value' && path.length === 1 && path[0] === 'version') {
    const fix = file.endsWith('.toml') ? '`version = 1`' : '`version: 1`';
    return pol001(file, locate(path), `\`version\` must be 1 (the only policy version); set ${fix}`);
  }
  return pol001(file, locate(path), `${where}: ${plain(issue.message)}`);
}

function plain(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

function pol001(file: string, range: Range, message: string): Finding {
  return {
    rule: RULE_IDS.invalidPolicy,
    severity: 'error',
    message: `invalid policy: ${message}.`,
    file,
    range,
  };
}
