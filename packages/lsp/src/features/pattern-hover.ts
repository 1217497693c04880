import { hoverCode, type PatternCoverage, type Position } from '@slipway/policy-core';

const MEANING = {
  'protected.paths': ['protected: changes need the label', 'taken back out of protection'],
  'agents.allowed': ['agents may edit them', 'taken back out of what agents may edit'],
} as const;

/** The pattern of the policy under the cursor, if any. */
export function patternAt(coverage: readonly PatternCoverage[], p: Position): PatternCoverage | undefined {
  return coverage.find(
    (c) =>
      c.range.start.line === p.line &&
      c.range.start.character <= p.character &&
      p.character <= c.range.end.character,
  );
}

/**
 * Markdown for a hover on a path pattern: what it decides and for how many files. Patterns are
 * read like .gitignore: the last pattern that matches a file decides it, so an earlier pattern
 * can match files and still decide none.
 */
export function patternMarkdown(c: PatternCoverage): string {
  const [yes, no] = MEANING[c.list];
  // The pattern and the file names are the repository's text: code spans that fit them (hover.ts).
  const head = `**${hoverCode(c.pattern)}** in \`${c.list}\``;
  if (c.decides === 0)
    return `${head}: decides no file of the repository. Either nothing matches it (a stale pattern) or a later pattern in the list decides every file it matches.`;
  const files = c.decides === 1 ? '1 file' : `${c.decides} files`;
  const more = c.decides > c.examples.length ? `\n- … and ${c.decides - c.examples.length} more` : '';
  return `${head}: decides ${files} — ${c.negated ? no : yes}.\n\n${c.examples.map((f) => `- ${hoverCode(f)}`).join('\n')}${more}\n\nThe last pattern that matches a file decides it, as in .gitignore; \`slipway explain <path>\` says which pattern decided for one file.`;
}
