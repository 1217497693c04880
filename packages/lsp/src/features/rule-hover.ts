import {
  type Finding,
  findRule,
  type Position,
  type RuleMeta,
  holdsSuppressionComment,
  renderRuleDocs,
} from '@slipway/policy-core';

/** Markdown for one rule's hover: its own docs, and what lifts a finding when `file` keeps no comment. */
export function ruleMarkdown(rule: RuleMeta, file: string, policyFile: string): string {
  return renderRuleDocs(rule, 'hover', holdsSuppressionComment(file) ? {} : { noCommentsIn: { policyFile } });
}

const contains = (f: Finding, p: Position): boolean =>
  before(f.range.start, p) && (before(p, f.range.end) || isEmpty(f));

const before = (a: Position, b: Position): boolean =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);

const isEmpty = (f: Finding): boolean =>
  f.range.start.line === f.range.end.line && f.range.start.character === f.range.end.character;

/** Rules of the findings under the cursor, one entry per rule. */
export function rulesAt(findings: readonly Finding[], p: Position): RuleMeta[] {
  const out: RuleMeta[] = [];
  for (const f of findings) {
    const hit = contains(f, p) || (isEmpty(f) && f.range.start.line === p.line);
    const rule = hit ? findRule(f.rule) : undefined;
    if (rule && !out.includes(rule)) out.push(rule);
  }
  return out;
}

/**
 * A rule id under the cursor where ids are written by people: in a `slipway: allow` comment,
 * or anywhere in the policy file (`rules:` keys).
 */
export function ruleIdAt(lineText: string, character: number, isPolicyFile: boolean): RuleMeta | undefined {
  if (!isPolicyFile && !lineText.includes('slipway:')) return undefined;
  for (const m of lineText.matchAll(/[A-Za-z]+\d+/g)) {
    const start = m.index ?? 0;
    if (character >= start && character <= start + m[0].length) return findRule(m[0]);
  }
  return undefined;
}

/** A rule's page (the diagnostic code's link): what `slipway explain` and docs/rules say. */
export function rulePage(rule: RuleMeta): string {
  return renderRuleDocs(rule, 'page');
}
