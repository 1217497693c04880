/**
 * Which statements of a `.sql` migration run forward. SQL migration tools keep the way back in
 * the same file or beside it, and a rule judging it as a forward migration reports every
 * `DROP TABLE` of every rollback (on Ory Kratos's real history: thousands of false alarms):
 * - a whole file: golang-migrate's and sqlx's `0042_users.down.sql`, Diesel's `down.sql`, yoyo's
 *   `0042.rollback.sql`, Flyway's undo `U42__users.sql`, anything in a Sqitch `revert/` folder;
 * - a section: goose (`-- +goose Up` / `-- +goose Down`), sql-migrate (`-- +migrate Up` /
 *   `-- +migrate Down`), dbmate (`-- migrate:up` / `-- migrate:down`).
 * And a file named for another database (`0042_users.mysql.up.sql`, `.sqlite3.`, `.cockroach.`:
 * gobuffalo/pop and Ory) is not PostgreSQL's, as a MySQL branch of an Alembic migration is not.
 */
export type SqlFilePart = 'forward' | 'back' | 'other-database';

/** Dialect names in migration file names, as pop/fizz and golang-migrate users write them. */
const OTHER_DATABASES =
  /\.(mysql|mariadb|sqlite3?|cockroach|cockroachdb|mssql|sqlserver|oracle)(\.(up|down))?\.sql$/i;

/** What a whole file is, from its name. */
export function sqlFilePart(path: string): SqlFilePart {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (OTHER_DATABASES.test(name)) return 'other-database';
  if (
    /(^|\.)(down|rollback)\.sql$/i.test(name) ||
    /^U\d[\w.]*__.+\.sql$/.test(name) ||
    /(^|\/)revert\/[^/]+$/.test(path)
  )
    return 'back';
  return 'forward';
}

/** `-- +goose Down`, `-- +migrate Up`, `-- migrate:down`: the section a line starts. */
const MARKER = /^[ \t]*--[ \t]*(?:\+(?:goose|migrate)[ \t]+(up|down)|migrate:(up|down))\b/gim;

/**
 * The offsets of the text's sections that are the way back (after a Down marker, up to the next
 * Up marker or the end), or [] when the file has no section markers.
 */
export function backSections(text: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let downFrom: number | undefined;
  for (const m of text.matchAll(MARKER)) {
    const down = (m[1] ?? m[2])?.toLowerCase() === 'down';
    if (down && downFrom === undefined) downFrom = m.index;
    else if (!down && downFrom !== undefined) {
      out.push({ from: downFrom, to: m.index });
      downFrom = undefined;
    }
  }
  if (downFrom !== undefined) out.push({ from: downFrom, to: text.length });
  return out;
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
