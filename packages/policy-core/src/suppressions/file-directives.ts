import { commentPrefix, findDirectives, mentionsDirective, type SuppressionDirective } from './directives.js';
import { insideString, pythonLexicalMap } from './python-lexical.js';

/** A directive of a file, in the comment syntax it was written in. */
export interface FileDirective {
  directive: SuppressionDirective;
  /** `#` or `--`. */
  prefix: string;
  /** An SQL comment inside a Python string (`op.execute("""...""")`), targeting a statement line. */
  embedded: boolean;
}

/**
 * Every `slipway: allow` comment of one file, as the check reads them: in the file's own comment
 * syntax, and in Python only real comments (the same text inside a string is data), plus the
 * SQL comments inside a Python string, which target a statement line that a finding anchored on
 * the call names as `related`. The suppression pass and `slipway waivers` both read them here.
 */
export function fileDirectives(file: string, text: string): FileDirective[] {
  const prefix = commentPrefix(file);
  if (!prefix || !mentionsDirective(text)) return [];
  const lexical = isPython(file) ? pythonLexicalMap(text) : undefined;
  const isComment = lexical && ((at: number) => lexical.comments.has(at));
  const out = findDirectives(text, prefix, isComment).map((directive) => ({
    directive,
    prefix,
    embedded: false,
  }));
  // Stryker disable next-line StringLiteral,ConditionalExpression: a fast path; without `--` the scan finds no SQL comment.
  if (lexical && text.includes('--'))
    for (const directive of findDirectives(text, '--', (at) => insideString(lexical, at)))
      out.push({ directive, prefix: '--', embedded: true });
  return out;
}

function isPython(file: string): boolean {
  return file.endsWith('.py') || file.endsWith('.pyi');
}
