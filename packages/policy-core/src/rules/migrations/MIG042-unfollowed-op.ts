import { agentSignal, shortSignal } from '../../agents/change-author.js';
import type { Finding } from '../../finding.js';
import type { Unfollowed } from '../../migrations/op-reach.js';
import type { SchemaOp } from '../../migrations/schema-op.js';
import { findingOf } from '../../rule.js';
import type { RepoView } from '../../repo.js';
import { allowHint, type MigFacts, type MigHistoryRule } from './facts/mig-facts.js';
import { migrationExample } from './facts/examples.js';
import { suppressDocs } from './facts/lock-docs.js';

/**
 * MIG042: upgrade() or downgrade() reaches Alembic's `op`, or runs code, in a way Slipway cannot
 * follow, so no other rule judged what it does (for downgrade(): the reversibility rules). A
 * history rule, not a per-file one, because its severity is the change's: an error when an agent
 * made it (agents/change-author.ts), a warning for a person's.
 */
export const unfollowedOp: MigHistoryRule = {
  id: 'MIG042',
  name: 'unfollowed-op',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'warning',
  title: 'upgrade() or downgrade() reaches op in a way Slipway cannot follow',
  docs: {
    what:
      "A construct in `upgrade()` or `downgrade()` (or a function they call) that reaches Alembic's `op` otherwise than by a call " +
      'Slipway reads, or runs code Slipway does not see: `op` or one of its methods used as a value (passed to a ' +
      'function, stored in a list, returned), `getattr(op, name)` with a name built at run time, `exec`, `eval`, ' +
      '`compile`, `__import__`, `globals()` / `locals()` / `vars()` (other than the `globals()["upgrade_%s" % name]()` ' +
      'dispatch of the multidb template, which is followed), `importlib`, a function that uses op passed as a value, ' +
      'a name bound both to op (or a function) and to something else and then called, `upgrade` bound to something ' +
      'Slipway cannot read, `upgrade` bound inside a module-level `if`, `try`, `with` or loop (every definition is ' +
      'judged; which one runs is decided when the module loads), and a call into a module of the repository that ' +
      'Slipway cannot follow: outside the repository, refused (a link out), past 1 MB, not parsing, more than 4 ' +
      'modules deep, or a name that is no function there (the finding says which). What can be followed is: ' +
      'a function of a module of the repository the revision imports (`from app.db import retire` then ' +
      '`retire(op, "users")`, or a helper importing op itself; relative imports, and absolute ones under the folder of ' +
      "alembic.ini, the parent of the folder holding env.py, the revision's folder and the repository's top), its " +
      "steps judged at the call with the helper's line related, a change to that module being a change to the " +
      'revision; `from alembic import op as x`, `o = op`, `drop = op.drop_table` then ' +
      '`drop("users")`, the same bindings inside a module-level `if`/`try` (every branch read as run: ' +
      '`try: from alembic import op as o` / `except ImportError: o = None` binds op), ' +
      '`getattr(op, "drop_table")` and names built from literals, `upgrade = _retire`, functions of ' +
      'the same file in any order, nested functions, closures and lambdas called from `upgrade()`, and a function ' +
      'handed `op` as an argument. In a `.sql` migration psql runs (`sql_runner: plain`): `\\gexec`, which runs each ' +
      'value a query returns as SQL, `\\!`, a shell command, and output sent outside the database (`\\o | cmd`, ' +
      '`\\o file`, `\\w`, `\\g`, `\\copy ... to program` or to a file); in any SQL migration, `COPY ... PROGRAM` (a shell ' +
      "command on the database server) and dblink's `dblink_exec`/`dblink` (SQL on a connection of their own). An error when the change is an agent's, a warning for " +
      "a person's, and for a tree checked without a change. In a Django migration: `operations` that is not a " +
      'literal list (built in a loop, imported, concatenated), an entry that is not written in it (a name, a ' +
      'spread), an operation class Slipway does not know (a custom Operation, whose database_forwards may do ' +
      'anything) and code at class level that changes the list. In a Knex or TypeORM migration: the database handle ' +
      "(`knex`, `queryRunner`, a transaction's `trx`) handed to a function not written in the file (an imported helper) " +
      'or stored, handed to one of the file that cannot be followed (a static, getter, decorated, overloaded or ' +
      'reassigned method; a parameter pattern; after a spread argument; calling itself; more than 8 calls deep or 256 ' +
      'in one migration), a table builder callback passed by name, a method named at run time or one Slipway does not ' +
      'map, `eval`, `require()` or `import()` inside `up`/`down`, and `up`/`down` bound to something not written in the ' +
      'file. Followed: a function of the module, or a method of the migration class on its own `this` ' +
      '(`await this.postgresUpQueryRunner(queryRunner)`), handed the handle, its body read at the call. Reading which ' +
      'database a TypeORM DataSource is configured for (`queryRunner.dataSource.options.type`, to pick a branch) runs ' +
      'nothing and is not one; the branches PostgreSQL does not run (an `if` or `switch` on it, compared with literals ' +
      "or an imported enum's members, read by their names) are not read.",
    why:
      'Every other MIG rule judges the operations Slipway reads. A table dropped through a construct it cannot follow ' +
      'passes them all, and "no findings" would read as "checked".',
    fix:
      'Write the operation as a plain `op.<method>(...)` call in the revision (or in a function of the same file that ' +
      'upgrade() calls), or review the construct by hand and add a suppression with the reason.',
    suppress: suppressDocs('MIG042'),
    examples: [
      migrationExample(
        'flagged',
        'computed_op',
        'kind = "table"\ngetattr(op, "drop_" + kind.lower())("reports")',
      ),
      migrationExample(
        'fine',
        'alias_followed',
        'add = op.add_column\nadd("users", sa.Column("locale", sa.String(8)))',
      ),
    ],
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    let inRepo: ((module: NonNullable<Unfollowed['module']>) => boolean) | undefined;
    let severity: { level: 'error'; why: string } | null | undefined;
    for (const { module } of facts.reportModules) {
      // downgrade() too: the reversibility rules judge what it undoes, and cannot judge what they cannot read.
      const both = [
        ...[...(module.upgrade?.unfollowed ?? []), ...sqlUnfollowed(module.upgrade?.ops)].map(
          (u) => ['upgrade()', u] as const,
        ),
        ...[...(module.downgrade?.unfollowed ?? []), ...sqlUnfollowed(module.downgrade?.ops)].map(
          (u) => ['downgrade()', u] as const,
        ),
      ];
      for (const [which, u] of both) {
        inRepo ??= repositoryModules(facts.ctx.repo);
        // A library's function is not the application's code: only a module of the repository is said.
        if (u.module && !inRepo(u.module)) continue;
        if (severity === undefined) {
          const signal = facts.ctx.change ? agentSignal(facts.ctx.policy, facts.ctx.change) : undefined;
          severity = signal ? { level: 'error', why: `an agent's change (${shortSignal(signal)})` } : null;
        }
        const f = findingOf(
          unfollowedOp,
          module.path,
          u.range,
          module.js
            ? `${which === 'upgrade()' ? 'up' : 'down'} reaches \`${u.construct}\`: ${u.what}, ${u.consequence ?? 'so no rule checked what it does'}` +
                `${severity ? `; an error in ${severity.why}` : ''}. Write the operation as a literal ${module.js === 'knex' ? '`knex.schema` / `knex.raw` call' : module.js === 'sequelize' ? '`queryInterface` call' : module.js === 'kysely' ? '`db.schema` or `sql` call' : module.js === 'mikro_orm' ? '`this.addSql` call' : '`queryRunner` call'} in the migration, or add ${allowHint(module.path, 'MIG042')}.`
            : module.django
              ? `This migration's operations hold \`${u.construct}\`: ${u.what}, so no rule checked what it does` +
                `${severity ? `; an error in ${severity.why}` : ''}. Write the operation literally in \`operations = [...]\`, or add ${allowHint(module.path, 'MIG042')}.`
              : `${which} reaches \`${u.construct}\`: ${u.what}, ${u.consequence ?? 'so no rule checked what it does'}` +
                `${severity ? `; an error in ${severity.why}` : ''}. Write the operation as an op.* call in the revision, or add ${allowHint(module.path, 'MIG042')}.`,
        );
        if (severity) f.severity = severity.level;
        out.push(f);
      }
    }
    // A .sql migration's construct that runs SQL no reader sees (psql's \gexec, \!): the same contract.
    for (const file of facts.reportSqlFiles) {
      for (const op of file.ops) {
        if (op.unfollowed === undefined) continue;
        if (severity === undefined) {
          const signal = facts.ctx.change ? agentSignal(facts.ctx.policy, facts.ctx.change) : undefined;
          severity = signal ? { level: 'error', why: `an agent's change (${shortSignal(signal)})` } : null;
        }
        const where = op.file ?? file.path;
        const f = findingOf(
          unfollowedOp,
          where,
          op.range,
          `This migration runs ${op.unfollowed.startsWith('\\') ? "psql's " : ''}\`${op.unfollowed}\`, which ${op.reason ?? 'runs SQL Slipway cannot see'}, so no rule checked what it does` +
            `${severity ? `; an error in ${severity.why}` : ''}. Write the statements in the file, or add ${allowHint(where, 'MIG042')}.`,
        );
        if (severity) f.severity = severity.level;
        out.push(f);
      }
    }
    return out;
  },
};

/**
 * Whether an imported module is a file of the repository: `app.db` is `app/db.py` or a package
 * `app/db/` at any depth (the import root is not known); a relative import always is.
 */
function repositoryModules(repo: RepoView): (module: NonNullable<Unfollowed['module']>) => boolean {
  let files: readonly string[] | undefined;
  return (module) => {
    if (module.level > 0 && !module.exact) return true;
    files ??= repo.listFiles().filter((p) => p.endsWith('.py'));
    // `from app.db import helper`: `app/db/helper.py`, `app/db.py` or `app/db/__init__.py`; `import app`: `app/`.
    const parts = module.name.split('.');
    const candidates: string[] = [];
    // `Base.metadata.create_all()`: only when `Base.metadata` is a module file, never a class's method.
    const shortest = module.exact ? parts.length - 1 : 1;
    for (let n = parts.length; n >= Math.max(shortest, 1); n--) {
      const path = parts.slice(0, n).join('/');
      candidates.push(`${path}.py`, `${path}/`);
    }
    return files.some((f) => candidates.some((c) => f === c || f.startsWith(c) || f.includes(`/${c}`)));
  };
}

/**
 * What the SQL a module runs reaches and no reader sees (`COPY … PROGRAM`, `dblink_exec(…)` in an
 * `op.execute` or a `queryRunner.query`): said as the module's own constructs are.
 */
function sqlUnfollowed(ops: readonly SchemaOp[] | undefined): Unfollowed[] {
  return (ops ?? []).flatMap((op) =>
    op.unfollowed === undefined
      ? []
      : [{ range: op.range, construct: op.unfollowed, what: op.reason ?? 'runs SQL Slipway cannot see' }],
  );
}
