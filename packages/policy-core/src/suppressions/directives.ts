import type { Range } from '../finding.js';
import { LineIndex } from '../text-position.js';
import { waiverEnd } from '../policy/waiver-day.js';

/** One `slipway: allow …` comment. */
export interface SuppressionDirective {
  rules: string[];
  reason: string;
  /** Range of the directive text inside the comment. */
  range: Range;
  /** The line whose findings it suppresses: its own line for a trailing comment, else the next code line. */
  targetLine: number;
  /**
   * `slipway: allow` that does not read as `RULE[, RULE] -- reason` (a single dash, say): it
   * suppresses nothing and is reported, rather than silently ignored.
   */
  malformed?: true;
  /**
   * `allow RULE until 2027-01-31 -- reason`: the last day it counts (UTC), as written. A waiver
   * past it lifts nothing (apply.ts), and the suppression rules say it expired.
   */
  until?: string;
  /** The word after `until` when it is not a real date (YYYY-MM-DD): it suppresses nothing. */
  badUntil?: string;
}

/**
 * Comment syntax by file name; files without comments (JSON, JSON Lines) get none, nor does
 * bun.lock: JSONC that Bun parses, where a `#` line breaks the lock for Bun and for Slipway.
 */
export function commentPrefix(file: string): string | undefined {
  const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'bun.lock') return undefined;
  if (name.endsWith('.sql')) return '--';
  // The JS/TS tools' migrations (migrations.knex, migrations.typeorm, migrations.mikro_orm, ...).
  if (/\.[cm]?[jt]s$/.test(name)) return '//';
  if (/\.(py|pyi|txt|in|lock|ya?ml|toml|cfg|ini|sh|conf)$/.test(name)) return '#';
  if (name.startsWith('requirements')) return '#';
  return undefined;
}

/**
 * The npm-family locks, which their tool writes whole: pnpm 10 rewrites pnpm-lock.yaml on every
 * `pnpm install`, even one that changes no entry, and drops any comment in it; yarn.lock and the
 * JSON locks are written the same way. A `slipway: allow` comment written there does not last, so
 * the editor and the rule docs offer a policy `waivers:` entry for their findings instead.
 */
export function generatedNpmLock(file: string): boolean {
  return /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lock)$/.test(
    file,
  );
}

/** Whether a finding in `file` can be lifted by a `slipway: allow` comment that lasts there. */
export function holdsSuppressionComment(file: string): boolean {
  return commentPrefix(file) !== undefined && !generatedNpmLock(file);
}

/**
 * Whether `text` contains `slipway:` anywhere, the precondition of every directive. Found by its
 * `y:`, which V8 finds at memchr speed, where `includes('slipway:')` crawls through every `s`
 * (a hashed lock has two `sha256` per line: 1 ms per keystroke on a 5,000-package lock).
 */
export function mentionsDirective(text: string): boolean {
  for (let i = text.indexOf('y:', 6); i !== -1; i = text.indexOf('y:', i + 2))
    if (text.startsWith('slipwa', i - 6)) return true;
  return false;
}

const DIRECTIVE = /slipway:\s*allow\s+([A-Za-z0-9_,\s]+?)(?:\s+until\s+((?!--)\S+))?\s*(?:--\s*(.*?))?\s*$/;
// Stryker disable next-line Regex: the text tested is sliced at `slipway:`; the anchor says so, it decides nothing.
const ATTEMPT = /^slipway:\s*allow\b/;

/**
 * Finds the directives in a file. A directive is a comment (`#` or `--`) whose text starts with
 * `slipway: allow`; more than one rule may be named, comma-separated. A text scan: `isComment`
 * (given the offset of the comment marker) tells a real comment from the same characters in a
 * string literal, where the caller can tell (Python: `pythonLexicalMap`); without it every
 * marker counts.
 */
export function findDirectives(
  text: string,
  prefix: string,
  isComment?: (offset: number) => boolean,
): SuppressionDirective[] {
  // Stryker disable next-line ConditionalExpression: a fast path; the scan below finds nothing either.
  if (!mentionsDirective(text)) return [];
  const index = new LineIndex(text);
  const out: SuppressionDirective[] = [];
  // Stryker disable next-line EqualityOperator: lineText past the end is '', which holds no directive.
  for (let line = 0; line < index.lineCount; line++) {
    const lineText = index.lineText(line);
    const at = lineText.indexOf('slipway:');
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with no `slipway:` (or one at column 0) no comment marker precedes it, so the next test skips the line too.
    if (at < 0) continue;
    const commentAt = lineText.lastIndexOf(prefix, at);
    if (commentAt < 0 || lineText.slice(commentAt + prefix.length, at).trim() !== '') continue;
    if (isComment && !isComment(index.lineStart(line) + commentAt)) continue;
    const directive = lineText.slice(at);
    const m = DIRECTIVE.exec(directive);
    if (!m && !ATTEMPT.test(directive)) continue;
    const rules = (m?.[1] ?? '')
      .split(/[\s,]/)
      .filter(Boolean)
      .map((r) => r.toUpperCase());
    const ownLine = lineText.slice(0, commentAt).trim() === '';
    let targetLine = line;
    if (ownLine) {
      targetLine = line + 1;
      // A directive above a block of comments applies to the first code line below them. A
      // blank line ends it: the directive covers its line or the line below, as documented.
      // Stryker disable next-line ConditionalExpression,EqualityOperator: lineText past the end is '', not a comment line, which ends the loop.
      while (targetLine < index.lineCount && isCommentLine(index.lineText(targetLine), prefix)) targetLine++;
    }
    const until = m?.[2];
    out.push({
      rules,
      reason: m?.[3] ?? '',
      range: { start: { line, character: commentAt }, end: { line, character: lineText.length } },
      targetLine,
      ...(m ? {} : { malformed: true as const }),
      ...(until === undefined ? {} : waiverEnd(until) ? { until } : { badUntil: until }),
    });
  }
  return out;
}

function isCommentLine(line: string, prefix: string): boolean {
  return line.trim().startsWith(prefix);
}
