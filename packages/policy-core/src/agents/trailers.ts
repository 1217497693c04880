/**
 * The trailers of a commit message (`Co-authored-by: Claude <noreply@anthropic.com>`), read as
 * git reads them (`git interpret-trailers --parse`): only the message's last paragraph, and only
 * when it is a trailer block — every line a `Token: value` line or the indented continuation of
 * one, or at least a quarter of them with a `Signed-off-by:` among them (git's rule for a block
 * that mixes trailers with text). A `Co-authored-by:` quoted in the body (`> Co-authored-by: …`)
 * or in a sentence of its last paragraph is not a trailer, to git or here.
 */

export interface Trailer {
  /** The token as written (`Co-authored-by`). */
  key: string;
  /** The value, continuation lines joined with one space. */
  value: string;
  /** The trailer as one line: `Co-authored-by: Claude <noreply@anthropic.com>`. */
  line: string;
}

const TRAILER = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/;

export function commitTrailers(body: string): Trailer[] {
  // trimEnd, not /\s+$/: that regex is quadratic in a message of long runs of spaces.
  const text = body.replace(/\r\n?/g, '\n').trimEnd();
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
  if (trailers.length === 0) return [];
  if (other === 0) return trailers;
  return signedOff && trailers.length * 4 >= trailers.length + other ? trailers : [];
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
  const m = /^(.*?)\s*<([^<>\s]*)>\s*$/.exec(value);
  if (!m) return undefined;
  return { name: (m[1] as string).trim(), email: m[2] as string };
}
