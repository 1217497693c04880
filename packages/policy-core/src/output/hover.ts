import { codeSpan, commonMarkText } from './commonmark.js';

/**
 * The hover format's escaping: the repository's text (a file name, a policy pattern, a
 * relation, a database's error) in the Markdown of an editor's hover, which VS Code, Neovim,
 * Helix or Zed render as CommonMark (VS Code with some HTML, and `$(icon)`). Nothing in an
 * editor notifies people or links issues, so this is CommonMark's escaping alone.
 */
export function hoverText(text: string): string {
  return commonMarkText(text);
}

/** The repository's text as a code span in a hover: shown as it is, monospace. */
export function hoverCode(text: string): string {
  return codeSpan(text);
}
