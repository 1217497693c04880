import type { Segment } from './js-walk.js';

/**
 * `queryRunner.dataSource.options.type` (or the deprecated `connection`'s): which database, read to
 * pick a dialect's branch (every branch is read), as Knex's `knex.client.config.client` is
 * (js-knex.ts). DataSourceOptions is configuration (typeorm src/data-source/DataSource.ts), so a
 * chain through `options` that calls nothing runs nothing. The DataSource itself stays a value: its
 * `query()` runs SQL, on a query runner of its own.
 */
export function readsDataSourceOptions(segments: readonly Segment[]): boolean {
  const [first, second, third] = segments;
  // `connection.driver.options` is the same object (typeorm src/driver/postgres/PostgresDriver.ts:
  // `this.options = connection.options`); the driver itself, called, stays a value.
  const options = second?.prop === 'options' || (second?.prop === 'driver' && third?.prop === 'options');
  return (
    (first?.prop === 'dataSource' || first?.prop === 'connection') && options && !segments.some((s) => s.args)
  );
}

/**
 * `queryRunner.connection.query(sql)`, `queryRunner.dataSource.manager.query(sql)`: the DataSource
 * runs the SQL on a query runner of its own (DataSource.query: `queryRunner || this.createQueryRunner()`;
 * its manager has none, so EntityManager.query hands it none), a second connection outside the
 * migration's transaction. The call, for its SQL to be judged as running there.
 */
export function dataSourceQuery(segments: readonly Segment[]): Segment | undefined {
  const [first, second, third, fourth] = segments;
  if (first?.prop !== 'dataSource' && first?.prop !== 'connection') return undefined;
  if (second?.prop === 'query' && third?.args) return third;
  if (second?.prop === 'manager' && third?.prop === 'query' && fourth?.args) return fourth;
  return undefined;
}
