import type { SyntaxNode } from '@lezer/common';
import { clientValue, PG_CLIENTS, type Scope, writtenValue } from './js-dialect-value.js';

/** Code the walk skips: a branch for another database, and the line trace names it at. */
export interface OtherBranch {
  from: number;
  to: number;
  line: number;
}

/** One `case x:` or `default:` and the statements written after it, up to the next label. */
interface Clause {
  label: SyntaxNode;
  statements: SyntaxNode[];
}

const NOT_CODE = new Set(['{', '}', 'LineComment', 'BlockComment']);
const ENDS = new Set(['BreakStatement', 'ReturnStatement', 'ThrowStatement', 'ContinueStatement']);

/**
 * The statements of `switch (queryRunner.connection.options.type) { case 'sqlite': … case 'postgres': … }`
 * PostgreSQL does not run, as JavaScript runs a switch: the first `case` equal to the value, else
 * `default`, then on through the clauses after it until one ends in `break`, `return`, `throw` or
 * `continue` (or a block ending in one). Every statement not reached is skipped; decided only when
 * the value and each label up to the one taken are known, for every name PostgreSQL goes by, with
 * the same answer (else undefined: every clause is read). A `break` inside an `if` ends nothing
 * here: the clauses after it are read, which is more than runs, never less.
 */
export function otherDatabaseCases(
  node: SyntaxNode,
  scope: Scope,
  lineOf: (offset: number) => number,
): OtherBranch[] | undefined {
  const test = node.getChild('ParenthesizedExpression')?.firstChild?.nextSibling;
  const body = node.getChild('SwitchBody');
  if (!test || !body) return undefined;
  const clauses: Clause[] = [];
  for (let c = body.firstChild; c; c = c.nextSibling) {
    if (NOT_CODE.has(c.name)) continue;
    if (c.name === 'CaseLabel' || c.name === 'DefaultLabel') clauses.push({ label: c, statements: [] });
    else if (clauses.length > 0) clauses[clauses.length - 1]?.statements.push(c);
    else return undefined;
  }
  const entries = PG_CLIENTS.map((c) => {
    const value = clientValue(test, scope, c);
    return value === undefined ? undefined : entry(clauses, value, scope);
  });
  const first = entries[0];
  if (first === undefined || entries.some((e) => e !== first)) return undefined;
  const reached = new Set<SyntaxNode>();
  for (let i = first === 'none' ? clauses.length : first; i < clauses.length; i++) {
    const clause = clauses[i] as Clause;
    for (const s of clause.statements) reached.add(s);
    if (clause.statements.some(ends)) break;
  }
  const skipped: OtherBranch[] = [];
  for (const clause of clauses)
    for (const s of clause.statements)
      if (!reached.has(s)) skipped.push({ from: s.from, to: s.to, line: lineOf(clause.label.from) });
  return skipped;
}

/** The clause the switch enters for `value`, 'none' when no label takes it; undefined when a label is unknown. */
function entry(clauses: readonly Clause[], value: string, scope: Scope): number | 'none' | undefined {
  let fallback: number | 'none' = 'none';
  for (const [i, clause] of clauses.entries()) {
    if (clause.label.name === 'DefaultLabel') {
      fallback = i;
      continue;
    }
    const expression = clause.label.firstChild?.nextSibling;
    const written = expression ? writtenValue(expression, scope) : undefined;
    if (written === undefined) return undefined;
    if (written === value) return i;
  }
  return fallback;
}

/** A statement after which the switch goes no further: a `break`, `return`, `throw`, `continue`, or a block ending in one. */
function ends(s: SyntaxNode): boolean {
  if (ENDS.has(s.name)) return true;
  if (s.name !== 'Block') return false;
  let last = s.lastChild?.prevSibling ?? null;
  while (last && NOT_CODE.has(last.name)) last = last.prevSibling;
  return last !== null && ends(last);
}
