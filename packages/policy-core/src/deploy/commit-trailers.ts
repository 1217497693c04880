/**
 * A commit message's trailer block, found as git finds it (trailer.c, find_trailer_block_start),
 * so that Slipway and `git interpret-trailers` / `%(trailers)` agree on what is a trailer.
 */

/** Lines git itself writes into trailer blocks; one of them lowers the bar to 25% trailers. */
const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];

// A trailer line is `Token: value`: the token of letters, digits and '-', then maybe spaces
// or tabs, then the separator. The value may be empty (git counts `Acked-by:` alone).
const TRAILER_LINE = /^[A-Za-z0-9-]+[ \t]*:/;
const BLANK = /^\s*$/;
const COMMENT = '#';

function isTrailerLine(line: string): boolean {
  return TRAILER_LINE.test(line);
}

// `git commit -v` puts this line above the diff; git ignores it and everything after it.
const SCISSORS = '# ------------------------ >8 ------------------------';

/**
 * Where the message ends for trailer purposes, as git's ignored_log_message_bytes (commit.c)
 * decides: before a scissors line, and before a final old-style `Conflicts:` block (tab-indented
 * paths, comment and empty lines among or after them), so a trailer block above it still counts.
 * A final run of comment and empty lines alone is trimmed by trailerLines.
 */
function messageEnd(lines: string[]): number {
  const scissors = lines.indexOf(SCISSORS);
  const cutoff = scissors === -1 ? lines.length : scissors;
  let runStart = -1;
  // Stryker disable next-line BooleanLiteral: only a tab line before any other line of the body would tell, and such a body holds no trailer either way
  let inConflicts = false;
  for (let i = 0; i < cutoff; i++) {
    const line = lines[i]!;
    // Comment and empty lines neither start nor end the ignored tail here: a final run of them is
    // trimmed by trailerLines, and after a Conflicts: line they leave its block's start alone.
    if (line.startsWith(COMMENT) || line === '') continue;
    if (line === 'Conflicts:') {
      inConflicts = true;
      if (runStart === -1) runStart = i;
    } else if (!(inConflicts && line.startsWith('\t'))) {
      runStart = -1;
      inConflicts = false;
    }
  }
  return runStart === -1 ? cutoff : runStart;
}

/**
 * The lines of the message body's trailer block ([] when it has none): its last paragraph, when
 * every line of it is a trailer (or the indented continuation of one), or when at least one is
 * a trailer git generates (`Signed-off-by:`, `(cherry picked from commit …)` from
 * `cherry-pick -x`) and at least a quarter of its lines are trailers. `body` is the message
 * after the subject paragraph (git's `%b`), so a paragraph reaching its start is the last one
 * too. Lines starting with `#` are comments and skipped, as git skips them (trailer.c,
 * find_trailer_block_start); blank and comment lines after the last paragraph are not one.
 * Git also counts tokens configured as `trailer.<name>.key` as its own; that configuration is not
 * visible here. The `---` patch divider does not apply: git ignores it when reading a commit's
 * trailers.
 */
export function trailerLines(body: string): string[] {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  let trailers = 0;
  let others = 0;
  let recognized = false;
  // Indented lines are continuations of the trailer above them, or prose if prose is above.
  let pending = 0;
  let end = messageEnd(lines);
  while (end > 0 && (BLANK.test(lines[end - 1]!) || lines[end - 1]!.startsWith(COMMENT))) end--;
  let start = end;
  for (; start > 0; start--) {
    const line = lines[start - 1]!;
    if (BLANK.test(line)) break;
    if (line.startsWith(COMMENT)) {
      others += pending;
      pending = 0;
    } else if (GIT_GENERATED_PREFIXES.some((p) => line.startsWith(p))) {
      trailers++;
      pending = 0;
      recognized = true;
    } else if (isTrailerLine(line)) {
      trailers++;
      pending = 0;
    } else if (/^[ \t]/.test(line)) {
      pending++;
    } else {
      others += 1 + pending;
      pending = 0;
    }
  }
  others += pending;
  // Every line a trailer (with no trailer at all the paragraph is empty or comments: [] either way).
  const isBlock = (recognized && trailers * 3 >= others) || others === 0;
  return isBlock ? lines.slice(start, end).filter((l) => !l.startsWith(COMMENT)) : [];
}

/** `Slipway-Event: <value>` as a trailer line (a token, maybe spaces, the colon, a value). */
export const SLIPWAY_EVENT_TRAILER = /^Slipway-Event[ \t]*:[ \t]*\S/m;

/** True when the message's trailer block holds a `Slipway-Event:` trailer. */
export function hasSlipwayEventTrailer(body: string): boolean {
  return trailerLines(body).some((l) => SLIPWAY_EVENT_TRAILER.test(l));
}
