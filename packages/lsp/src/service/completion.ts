import { policyJsonSchema, RULES } from '@slipway/policy-core';
import { runGit } from '@slipway/policy-core/node';
import type { CompletionItem, Position } from 'vscode-languageserver/node';
import { type CompletionFacts, policyCompletions, type SchemaNode } from '../features/policy-completion.js';
import { tomlCursor, yamlCursor } from '../features/policy-cursor.js';
import type { Project } from '../workspace/project.js';
import { locateOpenDocument } from './open-document.js';
import type { ServiceState } from './service-state.js';

/** Characters after which the client asks for completions without a keystroke of a word. */
export const COMPLETION_TRIGGERS = ['/', ':', '"', '['];

let schema: SchemaNode | undefined;

async function branches(project: Project): Promise<string[]> {
  if (!project.isGit) return [];
  try {
    const { stdout } = await runGit(project.root, [
      'for-each-ref',
      '--format=%(refname:short)',
      'refs/heads',
      'refs/remotes',
    ]);
    return stdout
      .toString('utf8')
      .split('\n')
      .filter((b) => b !== '' && !b.endsWith('/HEAD'));
  } catch {
    return [];
  }
}

/** Completion in the policy file only: keys of the schema, rule ids, values, branches and paths. */
export async function doComplete(
  state: ServiceState,
  uri: string,
  position: Position,
): Promise<CompletionItem[]> {
  const where = await locateOpenDocument(state, uri);
  if (!where || where.path !== where.project.policyFile()) return [];
  await where.project.refresh();
  const lines = where.doc.getText().split(/\r?\n/);
  const cursor = where.path.endsWith('.toml')
    ? tomlCursor(lines, position.line, position.character)
    : yamlCursor(lines, position.line, position.character);
  schema ??= policyJsonSchema() as SchemaNode;
  const facts: CompletionFacts = {
    rules: RULES.map((r) => ({ id: r.id, title: r.title })),
    branches: await branches(where.project),
    files: where.project.repo.listFiles(),
  };
  const start = { line: position.line, character: position.character - cursor.prefix.length };
  return policyCompletions(schema, cursor, facts).map((item) => ({
    ...item,
    // Replace what was typed (paths contain `/`, which editors do not count as a word).
    textEdit: { range: { start, end: position }, newText: item.insertText ?? item.label },
    filterText: item.label,
  }));
}
