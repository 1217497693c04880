import type { Finding } from '../finding.js';
import { printedRange } from './locations.js';
import { printable } from './printable.js';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the pull request's diff. Every text goes through githubData or
 * githubProperty.
 */
export function renderGithub(findings: readonly Finding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    const r = printedRange(f.range);
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const props = [
      `file=${githubProperty(f.file)}`,
      `line=${r.line}`,
      `col=${r.column}`,
      `endLine=${r.endLine}`,
      `endColumn=${r.endColumn}`,
      `title=${githubProperty(`Slipway ${f.rule}`)}`,
    ];
    out.push(`::${level} ${props.join(',')}::${githubData(f.message)}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/**
 * A workflow command's message, the github format's escaping. As `@actions/core` escapes it
 * (toolkit `command.ts`, escapeData): `%`, CR and LF, so that no text starts a line of its own,
 * which the runner would read as a command (`::add-mask::`, `::stop-commands::`); the runner
 * turns `%0A` back into the message's line break. Every other control character is printed
 * escaped first (printable): the log viewer renders what the runner prints, so an ESC, BEL or OSC
 * (a colour, a hyperlink, a clipboard write) never reaches it.
 */
export function githubData(text: string): string {
  return printableBetweenBreaks(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A workflow command's property (`file=`, `title=`): escapeProperty, githubData and `:` and `,`.
 * A file name's CR or LF stays itself (`%0D`, `%0A`), so the annotation names the very file.
 */
export function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** printable() between the line breaks, which the runner's own escaping carries. */
const printableBetweenBreaks = (text: string) =>
  text
    .split(/([\r\n])/)
    .map((part, i) => (i % 2 === 1 ? part : printable(part)))
    .join('');
