import { findingOf } from '../../rule.js';
import type { Finding } from '../../finding.js';
import { readDrizzleJournal } from '../../migrations/drizzle-journal.js';
import type { MigFacts, MigHistoryRule } from './facts/mig-facts.js';
import { suppressDocs } from './facts/lock-docs.js';

const POLICY = 'version: 1\nmigrations:\n  sql: ["drizzle/**/*.sql"]\n  sql_runner: drizzle\n';
const journal = (...tags: string[]) =>
  `{\n  "version": "7",\n  "dialect": "postgresql",\n  "entries": [\n${tags
    .map(
      (tag, idx) =>
        `    { "idx": ${idx}, "version": "7", "when": ${1767225600000 + idx}, "tag": "${tag}", "breakpoints": true }`,
    )
    .join(',\n')}\n  ]\n}\n`;
const FIRST = 'CREATE TABLE "users" ("id" serial PRIMARY KEY);\n';

const lineRange = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });

/**
 * MIG150: Drizzle's journal and its migration files disagree. drizzle-orm's migrator reads
 * `meta/_journal.json` and runs `<tag>.sql` for each entry in its order (readMigrationFiles): a
 * file the journal does not list never runs, an entry without its file stops every migration, and
 * a journal it cannot read runs nothing.
 */
export const drizzleJournal: MigHistoryRule = {
  id: 'MIG150',
  name: 'drizzle-journal',
  family: 'MIG',
  facts: 'migration-history',
  defaultSeverity: 'error',
  title: "Drizzle's journal and its migrations disagree",
  docs: {
    what:
      'Under `sql_runner: drizzle`: a `.sql` migration beside a `meta/_journal.json` that does not list it, a ' +
      'journal entry whose `<tag>.sql` does not exist, or a journal that is not JSON with an `entries` list ' +
      '(or is past the size Slipway reads).',
    why:
      "Drizzle runs the journal's entries, in its order, and nothing else: an unlisted migration never runs " +
      '(the schema the code expects never arrives), a missing file stops `drizzle-kit migrate` with "No file ' +
      'found", and a broken journal runs no migration at all.',
    fix: 'Let `drizzle-kit generate` write the migration and its journal entry together, or restore the missing file.',
    suppress: suppressDocs('MIG150'),
    examples: [
      {
        verdict: 'flagged',
        file: 'drizzle/0001_add_email.sql',
        text: 'ALTER TABLE "users" ADD COLUMN "email" text;\n',
        beside: {
          'slipway.yaml': POLICY,
          'drizzle/0000_users.sql': FIRST,
          'drizzle/meta/_journal.json': journal('0000_users'),
        },
      },
      {
        verdict: 'fine',
        file: 'drizzle/0001_add_email.sql',
        text: 'ALTER TABLE "users" ADD COLUMN "email" text;\n',
        beside: {
          'slipway.yaml': POLICY,
          'drizzle/0000_users.sql': FIRST,
          'drizzle/meta/_journal.json': journal('0000_users', '0001_add_email'),
        },
      },
    ],
  },
  check(facts: MigFacts): Finding[] {
    if (facts.section.sql_runner !== 'drizzle') return [];
    const repo = facts.ctx.repo;
    const out: Finding[] = [];
    // The journal layout: `<folder>/NNNN_name.sql` beside `<folder>/meta/_journal.json`.
    const byFolder = new Map<string, string[]>();
    for (const { path } of facts.analysis.sqlFiles) {
      const folder = path.slice(0, path.lastIndexOf('/') + 1);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), path]);
    }
    for (const [folder, paths] of byFolder) {
      const journalPath = `${folder}meta/_journal.json`;
      const text = repo.readFile(journalPath);
      if (text === undefined) continue;
      facts.extraFiles.add(journalPath);
      const read = readDrizzleJournal(text);
      if ('problem' in read) {
        out.push(
          findingOf(
            drizzleJournal,
            journalPath,
            lineRange(0),
            `${journalPath} ${read.problem}: Drizzle's migrator cannot read it, so no migration of ${folder} runs; regenerate it with \`drizzle-kit generate\` (or restore it from git).`,
          ),
        );
        continue;
      }
      const listed = new Set(read.journal.tags.map((tag) => `${folder}${tag}.sql`));
      const lines = text.split('\n');
      for (const tag of read.journal.tags) {
        const file = `${folder}${tag}.sql`;
        if (repo.readFile(file) !== undefined) continue;
        const line = Math.max(
          0,
          lines.findIndex((l) => l.includes(`"${tag}"`)),
        );
        out.push(
          findingOf(
            drizzleJournal,
            journalPath,
            lineRange(line),
            `${journalPath} lists ${tag}, but ${file} does not exist: \`drizzle-kit migrate\` stops there and runs no later migration; restore the file or drop the entry.`,
          ),
        );
      }
      for (const path of paths.sort())
        if (!listed.has(path))
          out.push(
            findingOf(
              drizzleJournal,
              path,
              lineRange(0),
              `${path} is not in ${journalPath}: Drizzle never runs it; write it with \`drizzle-kit generate\` (which adds its entry), or add the entry.`,
            ),
          );
    }
    return out;
  },
};
