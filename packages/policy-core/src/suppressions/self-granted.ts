import type { ChangeSet } from '../change-set.js';
import type { PolicyDocument } from '../policy/document.js';
import { agentSignal, describeSignal } from '../agents/change-author.js';
import { pathPolicy } from '../policy/path-policy.js';
import { LineIndex } from '../text-position.js';
import { commentPrefix, findDirectives, mentionsDirective, type SuppressionDirective } from './directives.js';

/** Says why a directive does not suppress (it was granted by the change itself), or undefined. */
export type RefuseDirective = (
  file: string,
  text: string,
  directive: SuppressionDirective,
) => string | undefined;

/**
 * An agent must not lift a finding by writing `slipway: allow` next to it. On a change made on an
 * agent branch or by an agent identity, a directive the change added or altered does not
 * suppress, unless the change carries the protected label (a human approved it). Directives that
 * were on the base keep working: a directive is the base's when the base has the same directive
 * line above (or on) the same target line text, counted so that a copy is new.
 */
export function selfGrantedGuard(
  policy: PolicyDocument,
  change: ChangeSet | undefined,
): RefuseDirective | undefined {
  if (!change?.readBase) return undefined;
  const who = agentOf(policy, change);
  if (who === undefined) return undefined;
  const { label } = pathPolicy(policy);
  const wanted = label.toLowerCase();
  if (change.labels?.some((l) => l.toLowerCase() === wanted)) return undefined;
  const changed = new Map(change.files.filter((f) => f.status !== 'deleted').map((f) => [f.path, f]));
  const onBase = new Map<string, Map<string, number>>();
  const readBase = change.readBase.bind(change);
  const heads = new Map<string, LineIndex>();
  return (file, text, d) => {
    const f = changed.get(file);
    if (f === undefined) return undefined;
    let keys = onBase.get(file);
    if (keys === undefined) {
      const base = f.status === 'added' ? undefined : readBase(f.oldPath ?? f.path);
      keys = directiveKeys(file, base);
      onBase.set(file, keys);
    }
    let index = heads.get(file);
    // Stryker disable next-line ConditionalExpression: a cache of the head's line index; rebuilding it gives the same index.
    if (index === undefined) {
      index = new LineIndex(text);
      heads.set(file, index);
    }
    const key = keyOf(index, d);
    const left = keys.get(key) ?? 0;
    if (left > 0) {
      keys.set(key, left - 1);
      return undefined;
    }
    return `the \`slipway: allow\` comment at ${file}:${d.range.start.line + 1} was added or changed by this change (${who}) and does not count: a human-approved change (the \`${label}\` label) is needed`;
  };
}

/** Why the change is an agent's, in words ("branch `auto/x` (…)"), or undefined for a human's. */
function agentOf(policy: PolicyDocument, change: ChangeSet): string | undefined {
  const signal = agentSignal(policy, change);
  return signal ? describeSignal(signal) : undefined;
}

function keyOf(index: LineIndex, d: SuppressionDirective): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: lineText past the end is '' too; the bound says a target past the last line is no text.
  const line = (n: number) => (n < index.lineCount ? index.lineText(n).trim() : '');
  return `${line(d.range.start.line)}\n${line(d.targetLine)}`;
}

/** Every directive of the base's text, by key, counted (both comment syntaxes a file may hold). */
function directiveKeys(file: string, text: string | undefined): Map<string, number> {
  const keys = new Map<string, number>();
  if (text === undefined || !mentionsDirective(text)) return keys;
  const index = new LineIndex(text);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a file without comment syntax never reaches the guard (applySuppressions skips it).
  const prefixes = new Set([commentPrefix(file), '--'].filter((p): p is string => p !== undefined));
  for (const prefix of prefixes)
    for (const d of findDirectives(text, prefix)) {
      const key = keyOf(index, d);
      keys.set(key, (keys.get(key) ?? 0) + 1);
    }
  return keys;
}
