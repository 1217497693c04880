import type { Segment } from './js-walk.js';

/**
 * `queryRunner.dataSource.options.type` (or the deprecated `connection`'s): which database, read to
 * pick a dialect's branch (every branch is read), as Knex's `knex.client.config.client` is
 * (js-knex.ts). DataSourceOptions is configuration (typeorm src/data-source/DataSource.ts), so a
 * chain through `options` that calls nothing runs nothing. The DataSource itself stays a value: its
 * `query()` runs SQL, on a query runner of its own.
 */
export function readsDataSourceOptions(segments: readonly Segment[]): boolean {
  const [first, second] = segments;
  return (
    (first?.prop === 'dataSource' || first?.prop === 'connection') &&
    second?.prop === 'options' &&
    !segments.some((s) => s.args)
  );
}
