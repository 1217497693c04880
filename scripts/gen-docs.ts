// `pnpm gen-docs`: writes docs/rules/<ID>.md and the rule table in README.md from the registry,
// and docs/schemas/*.schema.json from the zod schemas.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allRules, renderRuleDocs, replaceRuleTable, ruleTable } from '../packages/policy-core/src/index.js';
import { SCHEMA_FILES, schemaCopies, schemaText } from '../packages/cli/src/docs/schema-files.js';

const root = process.cwd();
const rules = allRules();
const dir = join(root, 'docs/rules');
const wanted = new Set(rules.map((r) => `${r.id}.md`));
for (const f of readdirSync(dir)) if (f.endsWith('.md') && !wanted.has(f)) rmSync(join(dir, f));
for (const r of rules) writeFileSync(join(dir, `${r.id}.md`), renderRuleDocs(r, 'page'));
const readmePath = join(root, 'README.md');
const next = replaceRuleTable(readFileSync(readmePath, 'utf8'), ruleTable(rules));
if (next === undefined) throw new Error('README.md has no rule-table markers');
writeFileSync(readmePath, next);
for (const file of SCHEMA_FILES)
  for (const path of schemaCopies(file)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), schemaText(file));
  }
console.log(`wrote ${rules.length} rule pages, the README table and ${SCHEMA_FILES.length} JSON Schemas`);
