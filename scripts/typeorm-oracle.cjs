#!/usr/bin/env node
// Test-only oracle for Slipway's TypeORM reader (packages/policy-core/src/migrations/js-typeorm.ts):
// runs each migration's `up` as TypeORM would call it and records what it asks of the
// QueryRunner, with no database: TypeScript's own compiler (transpileModule) turns the file into
// CommonJS, the class it exports is constructed and `up(queryRunner)` awaited, where queryRunner
// records each `query(sql)` (the SQL as it is sent) and each other method (`createTable`,
// `addColumn`, ...: a builder call, by its name) in order, and answers every call with an empty
// result. `typeorm`'s Table, TableColumn, TableIndex and TableForeignKey are stand-ins that keep
// their options: nothing of TypeORM runs. Prints JSON: { "<file>": [{ "sql": ... } | { "builder": ... }] }.
//   node scripts/typeorm-oracle.cjs <migrations folder>
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const folder = process.argv[2];
if (!folder) {
  console.error('usage: typeorm-oracle.cjs <migrations folder>');
  process.exit(2);
}
class Options {
  constructor(options) {
    Object.assign(this, options);
  }
}
const typeormStandIn = {
  Table: Options,
  TableColumn: Options,
  TableIndex: Options,
  TableForeignKey: Options,
  TableUnique: Options,
  TableCheck: Options,
};

async function record(file) {
  const source = fs.readFileSync(file, 'utf8');
  const js = file.endsWith('.ts')
    ? ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
      }).outputText
    : source;
  const m = new Module(file);
  m.filename = file;
  m.paths = [];
  m.require = (name) => {
    if (name === 'typeorm') return typeormStandIn;
    throw new Error(`${path.basename(file)} requires ${name}: not available to the oracle`);
  };
  m._compile(js, file);
  const steps = [];
  const queryRunner = new Proxy(
    {},
    {
      get(_, prop) {
        if (prop === 'then') return undefined;
        return async (...args) => {
          if (prop === 'query') steps.push({ sql: args[0] });
          else steps.push({ builder: String(prop) });
          return [];
        };
      },
    },
  );
  for (const exported of Object.values(m.exports)) {
    if (typeof exported !== 'function' || typeof exported.prototype?.up !== 'function') continue;
    await new exported().up(queryRunner);
  }
  return steps;
}

(async () => {
  const out = {};
  for (const f of fs.readdirSync(folder).sort())
    if (/\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')) out[f] = await record(path.join(folder, f));
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
})().catch((err) => {
  console.error(`typeorm-oracle: ${err.message}`);
  process.exit(1);
});
