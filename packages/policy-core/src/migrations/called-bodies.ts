import type { Finding, Range, RelatedLocation } from '../finding.js';

/**
 * A function of the migration's own file that `up` or `down` ran where it was called (a TypeORM
 * migration's `await this.postgresUp(queryRunner)`, a Knex module's `await addColumns(knex)`:
 * js-local-calls.ts): a finding on a statement of its body sits on that statement, which runs
 * from the call. The call is named beside it (withCallSites), so that a reader of the finding sees
 * why a method no runner calls by name is judged, and from where.
 */
export interface CalledBody {
  /** The function's name as called. */
  name: string;
  /** The first and last line (0-based) of its body. */
  lines: [number, number];
  /** The call expression. */
  call: Range;
}

/** Call sites named per finding: a helper called from many places names the first ones. */
const MAX_SITES = 3;

/**
 * `findings` with each one on a line of a called body given the calls that ran it, as related
 * locations (the innermost body holding the line; the calls of the body that holds that call
 * too, up to the migration's own method). A function called twice reads the same: its findings
 * were made one (distinct-findings.ts) and name both calls.
 */
export function withCallSites(findings: Finding[], file: string, bodies: readonly CalledBody[]): Finding[] {
  if (bodies.length === 0) return findings;
  return findings.map((f) => {
    if (f.file !== file) return f;
    const sites = callSites(f.range.start.line, bodies);
    if (sites.length === 0) return f;
    const related: RelatedLocation[] = sites.map((b) => ({
      file,
      range: b.call,
      message: `runs from here: the call to ${b.name}()`,
    }));
    return { ...f, related: [...(f.related ?? []), ...related] };
  });
}

/** The calls that ran the statement on `line`: innermost first, then the calls of their callers. */
function callSites(line: number, bodies: readonly CalledBody[]): CalledBody[] {
  const out: CalledBody[] = [];
  const seen = new Set<string>();
  let at = line;
  for (let depth = 0; depth < 16; depth++) {
    const holding = bodies.filter((b) => b.lines[0] <= at && at <= b.lines[1]);
    if (holding.length === 0) break;
    // The innermost body: the one that starts last.
    const inner = holding.reduce((a, b) => (b.lines[0] > a.lines[0] ? b : a));
    const calls = bodies.filter((b) => b.lines[0] === inner.lines[0] && b.lines[1] === inner.lines[1]);
    for (const c of calls) {
      const key = `${c.call.start.line}:${c.call.start.character}`;
      if (seen.has(key) || out.length >= MAX_SITES) continue;
      seen.add(key);
      out.push(c);
    }
    // A call inside its own body (recursion is not followed) cannot climb further.
    const next = calls[0]?.call.start.line;
    if (next === undefined || (next >= inner.lines[0] && next <= inner.lines[1])) break;
    at = next;
  }
  return out;
}
