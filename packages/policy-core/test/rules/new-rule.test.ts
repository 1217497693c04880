import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILY_DIRS, RULES, type RuleFamilyId } from '@slipway/policy-core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fixtureSource, newRuleOf, nextFreeAfter, ruleText } from '../../../../scripts/new-rule.js';
import { ruleFiles, ruleListText } from '../../../../scripts/rule-files.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const rulesDir = join(root, 'packages/policy-core/src/rules');

/** Every rule's id. */
const ids = (): Set<string> => new Set(RULES.map((r) => r.id));

/** The next free id of a family: what `pnpm new-rule` would be asked for. */
function nextId(family: RuleFamilyId): string {
  const last = Math.max(0, ...RULES.filter((r) => r.family === family).map((r) => Number(r.id.slice(-3))));
  return `${family}${String(last + 1).padStart(3, '0')}`;
}

/**
 * Type errors in `files` (absolute path → text) as if they were on disk beside the real sources,
 * the rule list regenerated to import them: what `pnpm new-rule` leaves in the tree, without
 * writing to it.
 */
function typeErrors(files: Record<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json unreadable');
  const host = ts.createCompilerHost(config.options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => files[f] ?? read(f);
  host.fileExists = (f) => f in files || exists(f);
  const program = ts.createProgram(Object.keys(files), config.options, host);
  return Object.keys(files).flatMap((f) => {
    const source = program.getSourceFile(f);
    if (!source) return [`${f}: not compiled`];
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `${f}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
  });
}

describe('pnpm new-rule', () => {
  it('refuses an id that is taken, a family that does not exist and a name that is not kebab-case', () => {
    // MIG002 and MIG003 are taken too: it names the first gap after the id asked for.
    expect(() => newRuleOf(root, 'MIG001', 'drop-table-again')).toThrow(
      /MIG001 is taken: .*MIG001-drop-table\.ts; the next free id after it is MIG004$/,
    );
    expect(() => newRuleOf(root, 'XYZ001', 'x')).toThrow(/a family/);
    // A free id (the next after MIG040's neighbours), whichever rules have been added since.
    const free = nextFreeAfter(ids(), 'MIG', 40);
    expect(() => newRuleOf(root, free, 'Some_Name')).toThrow(/kebab-case/);
    expect(newRuleOf(root, free, 'some-name')).toMatchObject({
      family: 'MIG',
      constant: 'someName',
      path: `packages/policy-core/src/rules/migrations/${free}-some-name.ts`,
    });
  });

  it('writes for every family a rule that compiles, listed by the regenerated rule list', () => {
    const files: Record<string, string> = {};
    const virtual = [];
    for (const family of Object.keys(FAMILY_DIRS) as RuleFamilyId[]) {
      const r = newRuleOf(root, nextId(family), `scaffolded-${family.toLowerCase()}-rule`);
      const text = ruleText(root, r);
      expect(text).toContain(`id: '${r.id}'`);
      files[join(root, r.path)] = text;
      virtual.push({
        id: r.id,
        path: r.path.replace(/^.*\/rules\//, ''),
        exported: r.constant,
        text,
      });
    }
    const all = [...ruleFiles(rulesDir), ...virtual].sort((a, b) => (a.id < b.id ? -1 : 1));
    files[join(rulesDir, 'rule-list.generated.ts')] = ruleListText(all);
    expect(typeErrors(files)).toEqual([]);
  }, 120_000);

  it("starts a rule with the fields its family's rules share as a constant, when they spread one", () => {
    // DB001–DB005 spread DATABASE_AUDIT_RULE (family, facts, no fixtures); DB006 alone reads others.
    const text = ruleText(root, newRuleOf(root, nextId('DB'), 'scaffolded-audit-rule'));
    expect(text).toContain('  ...DATABASE_AUDIT_RULE,\n');
    expect(text).toContain("import { DATABASE_AUDIT_RULE } from './facts/audit-rule.js';");
    expect(text).not.toContain('facts:');
  });

  it('starts the fixtures from its nearest neighbour below, which reads the same kind of facts', () => {
    // MIG1xx judge the revision history: a new one starts from a history rule's cases.
    const history = fixtureSource(root, newRuleOf(root, nextFreeAfter(ids(), 'MIG', 105), 'some-name'));
    expect(basename(history?.from ?? '')).toMatch(/^MIG10[0-5]$/);
    // MIG0xx judge one step: a new one does not start from MIG130's unparsable file.
    const step = fixtureSource(root, newRuleOf(root, nextFreeAfter(ids(), 'MIG', 40), 'some-name'));
    expect(basename(step?.from ?? '')).toMatch(/^MIG0\d\d$/);
  });

  it('starts the fixtures from a neighbour with a trigger and a near miss', () => {
    const source = fixtureSource(root, newRuleOf(root, nextFreeAfter(ids(), 'MIG', 40), 'some-name'));
    expect(source?.cases).toHaveLength(2);
    expect(source?.cases.map((c) => c.replace(/-.*/, '')).sort()).toEqual(['near', 'trigger']);
    for (const c of source?.cases ?? []) expect(existsSync(join(source?.from ?? '', c))).toBe(true);
  });
});
