import { policyJsonSchema } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import {
  type CompletionFacts,
  policyCompletions,
  type SchemaNode,
} from '../src/features/policy-completion.js';
import { tomlCursor, yamlCursor } from '../src/features/policy-cursor.js';

const schema = policyJsonSchema() as SchemaNode;
const facts: CompletionFacts = {
  rules: [
    { id: 'MIG001', title: 'drop table in a migration' },
    { id: 'PATH001', title: 'protected path changed without the label' },
  ],
  branches: ['main', 'release', 'origin/main'],
  files: ['backend/app/core/db.py', 'backend/app/main.py', 'docs/readme.md', 'slipway.yaml'],
};

/** The text with `|` marking the cursor → labels offered there. */
function at(text: string, toml = false) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  const character = (lines[line] ?? '').indexOf('|');
  lines[line] = (lines[line] ?? '').replace('|', '');
  const cursor = toml ? tomlCursor(lines, line, character) : yamlCursor(lines, line, character);
  return { cursor, items: policyCompletions(schema, cursor, facts) };
}
const labels = (text: string, toml = false) => at(text, toml).items.map((i) => i.label);

describe('policy completion in YAML', () => {
  it('offers the top-level keys not yet written, with their docs', () => {
    const { items } = at('version: 1\nprot|\nrules: {}\n');
    expect(items.map((i) => i.label)).toContain('protected');
    expect(items.map((i) => i.label)).not.toContain('version');
    expect(items.map((i) => i.label)).not.toContain('rules');
    const protectedItem = items.find((i) => i.label === 'protected');
    expect(protectedItem?.insertText).toBe('protected: ');
    expect(JSON.stringify(protectedItem?.documentation)).toContain('human review');
  });

  it('offers the keys of the section the cursor is in', () => {
    expect(labels('version: 1\nprotected:\n  label: x\n  |\n').sort()).toEqual(['paths']);
    expect(labels('version: 1\ndeploy:\n  environments:\n    staging:\n      he|\n')).toContain(
      'health_timeout_ms',
    );
  });

  it('offers rule ids under rules:, then severities as their values', () => {
    expect(labels('version: 1\nrules:\n  MIG001: off\n  |\n')).toEqual(['PATH001']);
    expect(labels('version: 1\nrules:\n  MIG001: w|\n')).toEqual(['off', 'error', 'warning', 'info']);
  });

  it('offers enum values and branch names', () => {
    expect(labels('version: 1\ndependencies:\n  requirements: r.txt\n  lock: r.lock\n  mode: |\n')).toEqual([
      'mirror',
      'superset',
    ]);
    expect(labels('version: 1\nproduction_branch: |\n')).toEqual(['main', 'release', 'origin/main']);
  });

  it('offers paths of the repository for path patterns, one folder level at a time', () => {
    expect(labels('version: 1\nprotected:\n  paths:\n    - |\n')).toEqual([
      'backend/',
      'docs/',
      'slipway.yaml',
    ]);
    expect(labels('version: 1\nprotected:\n  paths:\n    - backend/app/|\n')).toEqual([
      'backend/app/core/',
      'backend/app/main.py',
    ]);
    expect(labels('version: 1\nagents:\n  allowed: [/docs/, /back|\n')).toEqual([
      '/backend/',
      '/docs/',
      '/slipway.yaml',
    ]);
  });

  it('finds the list under its key when the dash is at the key’s own indent', () => {
    expect(at('version: 1\nprotected:\n  paths:\n  - |\n').cursor.path).toEqual(['protected', 'paths']);
  });
});

describe('policy completion in TOML', () => {
  it('offers keys of the table, rule ids in [rules], and quoted values', () => {
    expect(labels('version = 1\n[protected]\nlabel = "x"\n|\n', true)).toEqual(['paths']);
    const rule = at('version = 1\n[rules]\n|\n', true).items[0];
    expect(rule?.insertText).toBe('MIG001 = ');
    expect(at('version = 1\n[rules]\nMIG001 = |\n', true).items.map((i) => i.insertText)).toContain(
      '"warning"',
    );
  });

  it('offers table names in a header being typed', () => {
    expect(labels('version = 1\n[dep|\n', true)).toContain('deploy');
  });
});
