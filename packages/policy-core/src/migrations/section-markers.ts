import type { SqlRunner } from '../policy/schema/migrations.js';

/**
 * The lines that start a section (Up or Down) of a `.sql` migration, read exactly as each runner
 * reads them: a line that is not a marker for the runner is SQL or a comment it runs in the
 * section it is in, so a looser reading here would let `  -- +goose Down` or `-- Migrate:Down`
 * hide the forward statements after it from every forward rule.
 *
 * dbmate (pkg/dbmate/migration.go, amacneil/dbmate@f3e08f15): `(?m)^--\s*migrate:up(\s*$|\s+\S+)`
 * and the same for down. Go's regexp: case-sensitive, `^` only after `\n` (not after a lone `\r`),
 * `\s` is `[\t\n\f\r ]` (ASCII only), so `--` must start the line and `migrate:up` must be
 * followed by whitespace or the end of the text.
 *
 * goose (internal/sqlparser/parser.go, pressly/goose@520411a1): lines as bufio.Scanner splits them
 * (at `\n`, a final `\r` dropped); a line whose strings.TrimSpace starts with `--` and that holds
 * `+goose` is an annotation: a leading space or tab is an error (goose refuses the file), every
 * `--` and the first `+goose` are removed, a second `+goose` is an error, and what is left, trimmed,
 * must equal a known annotation by strings.EqualFold (so `-- +goose down` is Down, `-- +GOOSE Down`
 * is a comment). Where goose refuses the file nothing runs; such a line is not a marker here, and
 * the file is read forward (the safe side).
 *
 * sql-migrate keeps its earlier, looser reading (`-- +migrate Up`, any case, indented).
 */
export interface SectionMarker {
  index: number;
  down: boolean;
}

export function sectionMarkers(text: string, runner: SqlRunner): SectionMarker[] | undefined {
  if (runner === 'dbmate') return byPattern(text, DBMATE);
  if (runner === 'goose') return gooseMarkers(text);
  if (runner === 'sql-migrate') return byPattern(text, SQL_MIGRATE);
  return undefined;
}

/** Go's `\s` is ASCII; `^` in (?m) follows `\n` only: written without JavaScript's `m` flag. */
const DBMATE = /(?<=^|\n)--[\t\n\f\r ]*migrate:(up|down)(?![^\t\n\f\r ])/g;
const SQL_MIGRATE = /^[ \t]*--[ \t]*\+migrate[ \t]+(up|down)\b/gim;

function byPattern(text: string, pattern: RegExp): SectionMarker[] {
  return [...text.matchAll(pattern)].map((m) => ({ index: m.index, down: m[1]?.toLowerCase() === 'down' }));
}

/** The characters Go's unicode.IsSpace accepts (strings.TrimSpace trims them). */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');
const goTrimSpace = (s: string) => s.replace(GO_TRIM, '');

/** goose's annotation of one line (extractAnnotation), lower-cased; undefined for none or an error. */
export function gooseAnnotation(line: string): string | undefined {
  if (!goTrimSpace(line).startsWith('--') || !line.includes('+goose')) return undefined;
  if (line.startsWith(' ') || line.startsWith('\t')) return undefined;
  const cmd = line.replaceAll('--', '').replace('+goose', '');
  if (cmd.includes('+goose')) return undefined;
  return goTrimSpace(cmd).toLowerCase();
}

function gooseMarkers(text: string): SectionMarker[] {
  const out: SectionMarker[] = [];
  let at = 0;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end > at && text[end - 1] === '\r' ? end - 1 : end);
    if (line.includes('+goose')) {
      const annotation = gooseAnnotation(line);
      if (annotation === 'up' || annotation === 'down') out.push({ index: at, down: annotation === 'down' });
    }
    if (nl === -1) break;
    at = nl + 1;
  }
  return out;
}
