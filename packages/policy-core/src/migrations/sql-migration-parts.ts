import type { SqlRunner } from '../policy/schema/migrations.js';
import { gooseAnnotation, sectionMarkers } from './section-markers.js';

/**
 * Which statements of a `.sql` migration run forward, by the runner the policy names
 * (`migrations.sql_runner`). Runners keep the way back in the same file or beside it, and a rule
 * judging it as a forward migration reports every `DROP TABLE` of every rollback (on Ory
 * Kratos's real history: thousands of false alarms):
 * - a whole file: golang-migrate's and sqlx's `0042_users.down.sql`, Diesel's `down.sql`, yoyo's
 *   `0042.rollback.sql`, Flyway's undo `U42__users.sql`, anything in a Sqitch `revert/` folder;
 * - a section: goose (`-- +goose Up` / `-- +goose Down`), sql-migrate (`-- +migrate Up` /
 *   `-- +migrate Down`), dbmate (`-- migrate:up` / `-- migrate:down`), each marker read by its
 *   runner's own rule (section-markers.ts).
 * gobuffalo/pop also keeps one file per database (`0042_users.mysql.up.sql`, `.sqlite3.`,
 * `.cockroach.`); PostgreSQL runs only its own, and a dialect-less one where it has none
 * (popGenericReplaced).
 *
 * Why the policy and never the file decides: only the runner gives a name or a comment its
 * meaning. Under psql (`plain`), a `-- +goose Down` line is a comment and a `.down.sql` file runs
 * like any other; read as the way back there, either would let a change hide a forward
 * `DROP TABLE` from every forward rule.
 */
export type SqlFilePart = 'forward' | 'back' | 'other-database';

/**
 * Dialect names in pop/fizz migration file names, before Ory popx's optional `.autocommit` part
 * (`0042_users.cockroach.autocommit.up.sql`: CockroachDB's, run outside a transaction).
 */
const OTHER_DATABASES =
  /\.(mysql|mariadb|sqlite3?|cockroach|cockroachdb|mssql|sqlserver|oracle)(\.autocommit)?(\.(up|down))?\.sql$/i;

/** The files each runner runs only on the way back. */
const BACK_FILES: Partial<Record<SqlRunner, (path: string, name: string) => boolean>> = {
  'golang-migrate': (_path, name) => /\.down\.sql$/i.test(name),
  pop: (_path, name) => /\.down\.sql$/i.test(name),
  diesel: (_path, name) => name === 'down.sql',
  yoyo: (_path, name) => /\.rollback\.sql$/i.test(name),
  flyway: (_path, name) => /^U\d[\w.]*__.+\.sql$/.test(name),
  sqitch: (path) => /(^|\/)revert\/[^/]+$/.test(path),
};

/** What a whole file is, from its name, under `runner`. */
export function sqlFilePart(path: string, runner: SqlRunner): SqlFilePart {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (runner === 'pop' && OTHER_DATABASES.test(name)) return 'other-database';
  return BACK_FILES[runner]?.(path, name) ? 'back' : 'forward';
}

/**
 * pop's migration file name (its `mrx`, with Ory popx's `.autocommit` part): version, name without
 * dots, a dialect, autocommit, direction. As in popx, `.autocommit` alone in the dialect's place is
 * the generic file (`0042_users.autocommit.up.sql`), not a dialect named autocommit.
 */
const POP_NAME = /^(\d+)_[^./]+(?:\.([a-z0-9]+))?(?:\.autocommit)?\.(up|down)\.(?:sql|fizz)$/;
/** pop's names for PostgreSQL: `postgres`, and the synonyms it reads as that. */
const POP_POSTGRES = new Set(['postgres', 'postgresql', 'pg', 'pgx']);

/**
 * The generic pop files PostgreSQL never runs. pop sorts a version's dialect file before its
 * generic one (migration_info.go: "force 'all' to the back") and skips a version once it is
 * recorded (migrator.go), so where `0042_users.postgres.up.sql` exists, the generic
 * `0042_users.up.sql` of that version and direction does not run on PostgreSQL; without a
 * PostgreSQL file, the generic one does. Only a PostgreSQL file in the same folder counts: pop
 * walks one tree (subfolders too), but a repository may hold several, and a file in another
 * tree must not silence this one's (a layout with subfolders is linted in full, the safe side).
 */
export function popGenericReplaced(paths: readonly string[]): Set<string> {
  const withPostgres = new Set<string>();
  const generic: { path: string; key: string }[] = [];
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const m = POP_NAME.exec(path.slice(slash + 1));
    if (!m) continue;
    // pop compares versions as strings: `0042` and `42` are different versions.
    const key = `${path.slice(0, slash + 1)} ${m[1]} ${m[3]}`;
    if (m[2] === undefined || m[2] === 'autocommit') generic.push({ path, key });
    else if (POP_POSTGRES.has(m[2])) withPostgres.add(key);
  }
  return new Set(generic.filter((g) => withPostgres.has(g.key)).map((g) => g.path));
}

/**
 * The offsets of the text's sections that are the way back under `runner` (after a Down marker,
 * up to the next Up marker or the end); [] for runners without sections, or no markers. What a
 * marker is, is each runner's own rule (section-markers.ts).
 */
export function backSections(text: string, runner: SqlRunner): { from: number; to: number }[] {
  const markers = sectionMarkers(text, runner);
  if (!markers) return [];
  const out: { from: number; to: number }[] = [];
  let downFrom: number | undefined;
  for (const m of markers) {
    if (m.down && downFrom === undefined) downFrom = m.index;
    else if (!m.down && downFrom !== undefined) {
      out.push({ from: downFrom, to: m.index });
      downFrom = undefined;
    }
  }
  if (downFrom !== undefined) out.push({ from: downFrom, to: text.length });
  return out;
}

/**
 * pop runs its .sql migrations through Go's text/template (`{{ index .Options "Namespace" }}.users`),
 * which PostgreSQL's parser would reject, leaving every statement of such a file unread. For the
 * parser, a template that qualifies a name (`{{ ... }}.users`) is blanked with its dot (the name is
 * then read on the search path, where the migration puts it), any other becomes an identifier of
 * the same length (`tmpl______`, on its first line); offsets, lines and columns stay the file's own.
 * Other runners' files are returned as they are: `{{` means nothing to them.
 */
export function withoutTemplates(text: string, runner: SqlRunner): string {
  if (runner !== 'pop' || !text.includes('{{')) return text;
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  return text.replace(/\{\{[\s\S]*?\}\}(\.?)/g, (match, dot: string) => {
    if (dot) return blank(match);
    // The identifier sits on the template's first line; the lines it spans stay lines.
    const firstLine = match.search(/[\r\n]/);
    const head = firstLine === -1 ? match.length : firstLine;
    const name = head >= 4 ? `tmpl${'_'.repeat(head - 4)}` : `t${'_'.repeat(head - 1)}`;
    return name + blank(match.slice(head));
  });
}

/**
 * The text with the given sections (or everything outside them) blanked: every character but a
 * line break becomes a space, so that each statement left keeps its offset, line and column.
 */
export function blankSections(text: string, sections: { from: number; to: number }[], keep: boolean): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  let out = '';
  let at = 0;
  for (const { from, to } of sections) {
    const before = text.slice(at, from);
    const inside = text.slice(from, to);
    out += keep ? blank(before) + inside : before + blank(inside);
    at = to;
  }
  const rest = text.slice(at);
  return out + (keep ? blank(rest) : rest);
}

/**
 * Runners that run each migration in a transaction unless the file opts out, with the opt-out
 * as each documents it: goose's `-- +goose NO TRANSACTION` (the whole file), sql-migrate's
 * `-- +migrate Up notransaction` and dbmate's `-- migrate:up transaction:false` (per direction).
 * Others are left out: how they wrap a file is not known from the file (Diesel's
 * `metadata.toml`, yoyo's settings), and a guess would report a statement that runs fine.
 */
// goose's, as goose reads an annotation (section-markers.ts): `-- +GOOSE NO TRANSACTION` is a comment.
const NEVER = { test: (_text: string) => false };
const GOOSE_NO_TRANSACTION = {
  test: (text: string) =>
    text.includes('+goose') &&
    text.split('\n').some((line) => gooseAnnotation(line.replace(/\r$/, '')) === 'no transaction'),
};
const TRANSACTION_OPT_OUT: Partial<
  Record<SqlRunner, Record<'up' | 'down', { test(text: string): boolean }>>
> = {
  goose: { up: GOOSE_NO_TRANSACTION, down: GOOSE_NO_TRANSACTION },
  'sql-migrate': {
    up: /^[ \t]*--[ \t]*\+migrate[ \t]+up[ \t]+notransaction\b/im,
    down: /^[ \t]*--[ \t]*\+migrate[ \t]+down[ \t]+notransaction\b/im,
  },
  dbmate: {
    up: /^[ \t]*--[ \t]*migrate:up\b[^\n]*\btransaction:false\b/im,
    down: /^[ \t]*--[ \t]*migrate:down\b[^\n]*\btransaction:false\b/im,
  },
  // drizzle-orm's migrate() (and drizzle-kit migrate) runs every pending migration inside one
  // `session.transaction(...)`, with no way for a file to leave it.
  drizzle: { up: NEVER, down: NEVER },
};

/** How to opt a file out of its runner's transaction, for a message. */
export const TRANSACTION_OPT_OUT_HINT: Partial<Record<SqlRunner, string>> = {
  goose: 'add `-- +goose NO TRANSACTION` to the file',
  'sql-migrate': 'write its marker as `-- +migrate Up notransaction`',
  dbmate: 'write its marker as `-- migrate:up transaction:false`',
  drizzle:
    "Drizzle's migrator has no way to run a file outside it, so run this statement apart from `drizzle-kit migrate` (by hand or a script of its own, after it)",
  prisma:
    'move it to a migration of its own, alone in its migration.sql (no SET lock_timeout or other statement beside it: Prisma sends a file of one statement outside any transaction)',
};

/** What Drizzle cuts a migration file at (drizzle-orm's readMigrationFiles: a plain `split`). */
export const DRIZZLE_BREAKPOINT = '--> statement-breakpoint';

/**
 * The spans of a Drizzle migration that run as statements of their own: the text cut at every
 * `--> statement-breakpoint`, as Drizzle cuts it, wherever the marker is (in a comment or a
 * string too). Read whole, a marker at the end of a `--` comment would leave the statement after
 * it on that line inside the comment, where Drizzle runs it.
 */
export function drizzlePieces(text: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let from = 0;
  for (let at = text.indexOf(DRIZZLE_BREAKPOINT); at >= 0; at = text.indexOf(DRIZZLE_BREAKPOINT, from)) {
    out.push({ from, to: at });
    from = at + DRIZZLE_BREAKPOINT.length;
  }
  out.push({ from, to: text.length });
  return out;
}

/** True when `runner` runs this direction of the file inside a transaction of its own (Prisma's: prisma-script.ts). */
export function runnerWrapsInTransaction(text: string, runner: SqlRunner, direction: 'up' | 'down'): boolean {
  const optOut = TRANSACTION_OPT_OUT[runner];
  return optOut !== undefined && !optOut[direction].test(text);
}
