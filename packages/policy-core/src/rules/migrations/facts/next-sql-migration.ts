import { seriesForwardFiles } from './series-forward-files.js';
import type { TextEdit } from '../../../finding.js';
import type { MigrationAnalysis } from '../../../migrations/migration-analysis.js';
import { seriesOf } from '../../../migrations/migration-series.js';
import type { SqlRunner } from '../../../policy/schema/migrations.js';

/** The new migration a fix writes, and whether --fix may write it unasked. */
export interface NextMigration {
  edits: TextEdit[];
  /** Its (forward) file, for the fix's title. */
  path: string;
  /** Why it is only a suggestion (a person must check where it goes), when it is one. */
  uncertain?: string;
}

/**
 * Runners whose file layout the fix writes: a name with a number first (`prefix`, the number,
 * a separator), the markers around the way forward and back, or golang-migrate's up/down pair.
 * `grows`: the runner compares versions as numbers, so the next one may have a digit more
 * (Flyway's V9 then V10); the others sort names as strings (plain psql's `ls`, dbmate).
 */
interface Layout {
  shape: RegExp;
  grows?: true;
  markers?: [string, string];
  pair?: true;
}
const LAYOUTS: Partial<Record<SqlRunner, Layout>> = {
  plain: { shape: /^()(\d+)([_-])[^/]*\.sql$/ },
  psql: { shape: /^()(\d+)([_-])[^/]*\.sql$/ },
  goose: { shape: /^()(\d+)([_-])[^/]*\.sql$/, markers: ['-- +goose Up', '-- +goose Down'] },
  dbmate: { shape: /^()(\d+)([_-])[^/]*\.sql$/, markers: ['-- migrate:up', '-- migrate:down'] },
  'sql-migrate': { shape: /^()(\d+)([_-])[^/]*\.sql$/, markers: ['-- +migrate Up', '-- +migrate Down'] },
  'golang-migrate': { shape: /^()(\d+)(_)[^/]*\.up\.sql$/, pair: true },
  flyway: { shape: /^(V)(\d+)(__)[^/]*\.sql$/, grows: true },
};

/**
 * The last forward file of a series, when every one is named as the fix names them (worked out
 * once per series: a check with thousands of findings asks for each).
 */
function lastOfSeries(analysis: MigrationAnalysis, series: string, shape: RegExp): string | undefined {
  const forward = seriesForwardFiles(analysis, series).map((f) => f.path);
  if (forward.length === 0 || forward.some((p) => !shape.test(p.slice(series.length)))) return undefined;
  return forward[forward.length - 1];
}

/** What a fix's new migration holds: its name's word and its lines forward and back. */
export interface NewMigrationText {
  /** The words after the number (`validate_fk_orders_user`), made safe for a file name. */
  word: string;
  up: readonly string[];
  back: readonly string[];
  /**
   * It must run outside a transaction (a batched backfill commits between batches): the file says
   * so in its runner's words, or, where the runner has none the fix can write (Flyway, Pop, ...),
   * no migration is made.
   */
  outsideTransaction?: true;
}

/** How a runner is told to run one file outside a transaction (what goes on its first line). */
const OUTSIDE_TRANSACTION: Partial<Record<SqlRunner, { first?: string; upMarker?: string }>> = {
  // psql runs each statement on its own; golang-migrate sends the file as it is, and its one
  // statement then runs in no transaction block.
  plain: {},
  psql: {},
  'golang-migrate': {},
  goose: { first: '-- +goose NO TRANSACTION' },
  dbmate: { upMarker: '-- migrate:up transaction:false' },
  'sql-migrate': { upMarker: '-- +migrate Up notransaction' },
};

/**
 * The .sql migration a fix adds after `path`: the next number of the series (same width,
 * so it sorts after it as a string and as a number), named after what it does, in the
 * runner's shape (goose, dbmate and sql-migrate markers, golang-migrate's up/down pair, Flyway's
 * V<n>__). Undefined where the
 * name cannot be made: another runner, a series whose files are not all numbered, a number that
 * would grow a digit, a name already taken. A suggestion where `path` is not the series' last
 * migration (the new one would run after migrations written since, which a person must judge).
 */
export function nextSqlMigration(
  analysis: MigrationAnalysis,
  path: string,
  content: NewMigrationText,
  files: ReadonlySet<string>,
  lasts: Map<string, string | undefined>,
): NextMigration | undefined {
  const layout = LAYOUTS[analysis.sqlRunner];
  const series = seriesOf(path);
  if (!layout || path.endsWith('/migration.sql')) return undefined;
  const outside = content.outsideTransaction ? OUTSIDE_TRANSACTION[analysis.sqlRunner] : {};
  if (!outside) return undefined;
  if (!lasts.has(series)) lasts.set(series, lastOfSeries(analysis, series, layout.shape));
  const last = lasts.get(series);
  if (last === undefined) return undefined;
  const m = layout.shape.exec(last.slice(series.length)) as RegExpExecArray;
  const digits = m[2] as string;
  const next = (BigInt(digits) + 1n).toString().padStart(digits.length, '0');
  if (next.length !== digits.length && !layout.grows) return undefined;
  const word =
    content.word
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'step';
  const stem = `${series}${m[1]}${next}${m[3]}${word}`;
  const up = content.up.join('\n');
  const back = content.back.join('\n');
  const [upMarker, downMarker] = layout.markers ?? [];
  const first = outside.first ? `${outside.first}\n` : '';
  const created: [string, string][] = layout.pair
    ? [
        [`${stem}.up.sql`, `${up}\n`],
        [`${stem}.down.sql`, `${back}\n`],
      ]
    : upMarker
      ? [[`${stem}.sql`, `${first}${outside.upMarker ?? upMarker}\n${up}\n\n${downMarker}\n${back}\n`]]
      : [[`${stem}.sql`, `${first}${up}\n`]];
  if (created.some(([p]) => files.has(p))) return undefined;
  const top = { line: 0, character: 0 };
  const from = path.slice(series.length);
  return {
    edits: created.map(([file, newText]) => ({
      file,
      range: { start: top, end: top },
      newText,
      create: true,
    })),
    path: created[0]?.[0] as string,
    ...(last !== path ? { uncertain: `${from} is not the last migration of its series (${last} is)` } : {}),
  };
}
