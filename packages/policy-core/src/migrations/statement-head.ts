// What a statement is, read from its first word before any parser runs: a DDL verb (MIG030's
// unread SQL that still changes the schema), and the head of the statement past comments.

const DDL_VERBS = new Set(['CREATE', 'ALTER', 'DROP', 'RENAME', 'TRUNCATE', 'COMMENT']);

/**
 * The statement's first word, upper-cased, when it is a DDL verb; comments and whitespace
 * before it are skipped. Looks at most at the first few kilobytes: a verb comes first.
 * @internal
 */
export function leadingDdlVerb(sql: string, from = 0): string | undefined {
  const word = /^[A-Za-z]+/.exec(statementHead(sql, from))?.[0]?.toUpperCase();
  return word !== undefined && DDL_VERBS.has(word) ? word : undefined;
}

/**
 * The first few kilobytes of a statement from its first word on: the whitespace and comments
 * before it skipped (what it is comes first).
 * @internal
 */
export function statementHead(sql: string, from = 0): string {
  return sql.slice(from, from + 4096).replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
}
