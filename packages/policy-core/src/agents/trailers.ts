/**
 * The trailers of a commit message (`Co-authored-by: Claude <noreply@anthropic.com>`), read as
 * git reads them (`git interpret-trailers --parse`): only the message's last paragraph, and only
 * when it is a trailer block — every line a `Token: value` line or the indented continuation of
 * one, or at least a quarter of them with a `Signed-off-by:` among them (git's rule for a block
 * that mixes trailers with text). A `Co-authored-by:` quoted in the body (`> Co-authored-by: …`)
 * or in a sentence of its last paragraph is not a trailer, to git or here. Only the part above a
 * `---` divider line is read, as git does.
 */

export interface Trailer {
  /** The token as written (`Co-authored-by`). */
  key: string;
  /** The value, continuation lines joined with one space. */
  value: string;
  /** The trailer as one line: `Co-authored-by: Claude <noreply@anthropic.com>`. */
  line: string;
}

// `s`: a value may hold U+2028 or U+2029, line ends to JavaScript's `.` but not to git; so
// `(.*)` runs to the end of the line.
const TRAILER = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)/s;
/** A divider line as git finds one (beforeDivider), and as creditTrailers does. */
const GIT_DIVIDER = /^---[ \t\n]/m;
const LOOSE_DIVIDER = /^---[ \t\v\f\n]/m;

/**
 * The trailers git reads, but for one difference on purpose: a lone CR ends a line here (git
 * reads such a message as one line), so a credit written with old Mac line ends is still seen.
 */
export function commitTrailers(body: string): Trailer[] {
  return trailersOf(beforeDivider(body.replace(/\r\n?/g, '\n')));
}

/**
 * Every trailer that may credit a commit to someone: git's trailer block (commitTrailers) and,
 * when a `---` divider cut the message, the last paragraph of the whole message as well. Who
 * wrote a commit is judged failing closed: a `Co-authored-by:` an agent put below a divider is
 * not a trailer to git, but it is still the agent's word that it wrote the commit.
 */
export function creditTrailers(body: string): Trailer[] {
  const text = body.replace(/\r\n?/g, '\n');
  // Failing closed: `---` and any white space C's isspace knows (a vertical tab, a form feed too)
  // is a divider here, so a credit above one that git would not see as a divider is still read.
  const above = beforeDivider(text, LOOSE_DIVIDER);
  if (above.length === text.length) return trailersOf(text);
  // Below the divider, the credit may be a paragraph of its own (the whole message's last) or
  // follow the divider line directly (`---` then `Co-authored-by:`), which in the whole message
  // shares a paragraph with the divider and so is no trailer block there: read what follows the
  // divider line as a message too.
  const lineEnd = text.indexOf('\n', above.length);
  // Stryker disable next-line EqualityOperator,StringLiteral: lineEnd is -1 or past the divider's `---`, never 0; any text without a trailer block would do for nothing.
  const below = lineEnd < 0 ? '' : text.slice(lineEnd + 1);
  return [...trailersOf(above), ...trailersOf(text), ...trailersOf(below)];
}

function trailersOf(message: string): Trailer[] {
  // trimEnd, not /\s+$/: that regex is quadratic in a message of long runs of spaces.
  const text = message.trimEnd();
  // Stryker disable next-line ConditionalExpression,StringLiteral: a fast path; an empty paragraph has no trailer either.
  if (text === '') return [];
  // The last paragraph: after the last blank line (a line of spaces only counts as blank).
  const paragraphStart = lastBlankLineEnd(text);
  const lines = text.slice(paragraphStart).split('\n');
  const trailers: Trailer[] = [];
  let other = 0;
  let signedOff = false;
  for (const line of lines) {
    if (line.startsWith('#')) continue; // a comment git strips before it reads trailers
    const last = trailers[trailers.length - 1];
    if (last && /^[ \t]/.test(line)) {
      last.value = `${last.value} ${line.trim()}`.trim();
      last.line = `${last.key}: ${last.value}`;
      continue;
    }
    const m = TRAILER.exec(line);
    if (!m) {
      other++;
      continue;
    }
    const key = m[1] as string;
    const value = (m[2] as string).trim();
    if (key.toLowerCase() === 'signed-off-by') signedOff = true;
    trailers.push({ key, value, line: `${key}: ${value}` });
  }
  // Stryker disable next-line ConditionalExpression: a fast path; with no trailer, what follows returns none either.
  if (trailers.length === 0) return [];
  if (other === 0) return trailers;
  return signedOff && trailers.length * 4 >= trailers.length + other ? trailers : [];
}

/**
 * The message before its first `---` divider line: git reads trailers only above it (trailer.c,
 * find_patch_start: a line starting with `---` and then white space, its line end included), so a
 * trailer block followed by `---` and notes is still the trailer block. White space is git's own
 * isspace (ctype.c's sane_ctype: space, tab, CR, LF; CR is a line end here already), not
 * C's: `---` then a vertical tab or form feed is no divider to git. `----`, `---x` and a `---`
 * that ends the message with no line end are no divider.
 */
function beforeDivider(text: string, divider = GIT_DIVIDER): string {
  const m = divider.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/** Where the last paragraph starts: after the last line that is empty or all blanks, else 0. */
function lastBlankLineEnd(text: string): number {
  const re = /\n[ \t]*\n/g;
  let end = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    end = m.index + m[0].length;
    re.lastIndex = end - 1; // blank lines may run on: the next match may share this newline
  }
  return end;
}

/** A person a trailer names (`Name <email>`), or undefined when the value is not one. */
export function trailerPerson(value: string): { name: string; email: string } | undefined {
  // A person's line is short; a long value is not one (and the search below stays linear).
  if (value.length > 512) return undefined;
  // `s` as for TRAILER: a name may hold U+2028. No `^`: the first match starts at 0 anyway (the
  // lazy group takes any prefix).
  const m = /(.*?)\s*<([^<>\s]*)>\s*$/s.exec(value);
  if (!m) return undefined;
  return { name: (m[1] as string).trim(), email: m[2] as string };
}
