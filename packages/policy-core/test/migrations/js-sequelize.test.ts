import { initSqlParser, MemoryRepo, migrationFamily, parsePolicyText, runCheck } from '@slipway/policy-core';
import { beforeAll, expect, it } from 'vitest';

/**
 * Sequelize migrations (`migrations.sequelize`) read by the one JS reader, in process: the ways
 * of hiding a step from it are said (MIG042), never read as nothing; each near miss beside its
 * attack stays quiet. The rules' own cases are fixtures (test/rules/migrations/fixtures/*-sequelize).
 */
beforeAll(() => initSqlParser());

const POLICY = 'version: 1\nmigrations:\n  sequelize: migrations\n';
const FILE = 'migrations/20240202000000-change.js';
const INIT = `module.exports = {
  async up(queryInterface, Sequelize) { await queryInterface.createTable('users', { id: { type: Sequelize.INTEGER } }); },
  async down(queryInterface) { await queryInterface.dropTable('users'); },
};
`;
const up = (body: string) =>
  `module.exports = {\n  async up(queryInterface, Sequelize) {\n    ${body}\n  },\n  async down(queryInterface) {\n    await queryInterface.sequelize.query('SELECT 1');\n  },\n};\n`;

function rulesOn(text: string): string[] {
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('policy');
  const repo = new MemoryRepo({
    'slipway.yaml': POLICY,
    'migrations/20240101000000-init.js': INIT,
    [FILE]: text,
  });
  return runCheck({ policy, repo, families: [migrationFamily], now: new Date(0) })
    .findings.filter((f) => f.file === FILE)
    .map((f) => f.rule);
}

/** [attack or near miss, file text, rules that must fire, rules that must not]. */
const CASES: [string, string, string[], string[]][] = [
  [
    'queryInterface kept in another name',
    up("const qi = queryInterface;\n    await qi.dropTable('users');"),
    ['MIG042'],
    [],
  ],
  [
    'near miss: the same drop through queryInterface',
    up("await queryInterface.dropTable('users');"),
    ['MIG001'],
    ['MIG042'],
  ],
  [
    'SQL built at run time: said as SQL not read (MIG030)',
    up('await queryInterface.sequelize.query(`DROP TABLE ${process.env.T}`);'),
    ['MIG030'],
    [],
  ],
  [
    'near miss: the same SQL as a literal',
    up("await queryInterface.sequelize.query('DROP TABLE users');"),
    ['MIG001'],
    ['MIG030'],
  ],
  [
    'near miss: a query type read from queryInterface.sequelize.QueryTypes is a constant',
    up(
      "const rows = await queryInterface.sequelize.query('SELECT id FROM users', { type: queryInterface.sequelize.QueryTypes.SELECT });\n    await queryInterface.bulkDelete('users', { id: rows[0].id });",
    ),
    [],
    ['MIG042'],
  ],
  [
    'queryInterface.sequelize.models: a model method writes what is not read',
    up('await queryInterface.sequelize.models.User.destroy({ truncate: true });'),
    ['MIG042'],
    [],
  ],
  [
    'QueryTypes called as a function: not a constant',
    up('await queryInterface.sequelize.QueryTypes.drop();'),
    ['MIG042'],
    [],
  ],
  [
    'dropAllTables: what it drops is known only at run time',
    up('await queryInterface.dropAllTables();'),
    ['MIG042'],
    [],
  ],
  [
    'bulkDelete with an empty where: every row',
    up("await queryInterface.bulkDelete('users', {});"),
    ['MIG006'],
    [],
  ],
  [
    'near miss: bulkDelete with a where',
    up("await queryInterface.bulkDelete('users', { id: 1 });"),
    [],
    ['MIG006'],
  ],
  [
    'an ES module exporting { up, down } as default is read',
    "export default {\n  async up(queryInterface) { await queryInterface.removeColumn('users', 'id'); },\n  async down(queryInterface) { await queryInterface.addColumn('users', 'id', { type: 'INTEGER' }); },\n};\n",
    ['MIG002'],
    ['MIG130'],
  ],
];

it.each(CASES)('%s', (_name, text, fire, quiet) => {
  const got = rulesOn(text);
  for (const r of fire) expect(got, `${r} in ${got.join(' ')}`).toContain(r);
  for (const r of quiet) expect(got).not.toContain(r);
});
