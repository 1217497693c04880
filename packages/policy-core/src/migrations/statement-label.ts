/** Whitespace a label collapses: PostgreSQL's blanks other than a single space between words. */
const UNTIDY = /[\t\n\r]| {2}|^ | $/;

/** A statement as one short line, whitespace collapsed, cut at 60 characters: from slices (a seed file has 70,000 INSERTs). */
export function statementLabel(sql: string): string {
  const line = UNTIDY.test(sql)
    ? sql
        .split(/[ \t\n\r]+/)
        .filter((word) => word !== '')
        .join(' ')
    : sql;
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
