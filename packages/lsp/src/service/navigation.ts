import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  patternCoverage,
  policyTestFiles,
  printable,
  type RuleMeta,
  readMigrationTrees,
} from '@slipway/policy-core';
import type { CodeLens, DocumentSymbol, Location, Position } from 'vscode-languageserver/node';
import { parentRevisionFiles, revisionLenses } from '../features/migration-navigation.js';
import { patternAt } from '../features/pattern-hover.js';
import { FILE_KEYS } from '../features/policy-completion.js';
import { policySymbols } from '../features/policy-symbols.js';
import { recordLenses } from '../features/record-lens.js';
import { ruleIdAt, rulePage } from '../features/rule-hover.js';
import { SERVER_COMMANDS } from '../protocol/index.js';
import { fileUri } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';
import { locateOpenDocument } from './open-document.js';
import type { ServiceState } from './service-state.js';

const LINE_ONE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
/** Go-to-definition on a pattern opens at most this many of the files it decides. */
const MAX_TARGETS = 20;

/**
 * A rule's page as a file the editor can open: written once per server version under the
 * temporary directory (atomically: another server may write the same page at the same time).
 */
function rulePageFile(rule: RuleMeta, version: string): string {
  const dir = join(tmpdir(), `slipway-rule-docs-${version}`);
  const file = join(dir, `${rule.id}.md`);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, rulePage(rule));
  renameSync(tmp, file);
  return file;
}

function migrations(project: Project) {
  const doc = project.policyDocument();
  return doc?.policy.migrations
    ? {
        analysis: readMigrationTrees(project.repo, doc.policy.migrations, project.workspace),
        baseline: doc.policy.migrations.baseline,
      }
    : undefined;
}

/** The policy file's outline; nothing for other files. */
export async function findDocumentSymbols(state: ServiceState, uri: string): Promise<DocumentSymbol[]> {
  const where = await state.projects.locate(uri);
  if (!where || where.path !== where.project.policyFile()) return [];
  const doc = where.project.policyDocument();
  return doc ? policySymbols(doc) : [];
}

/**
 * In the policy: a rule id opens its page, a pattern the files it decides, a file key its file.
 * In a migration: the parent revision's file.
 */
export async function findDefinition(state: ServiceState, uri: string, caret: Position): Promise<Location[]> {
  const where = await locateOpenDocument(state, uri);
  if (!where) return [];
  const { doc: text, project, path } = where;
  await project.refresh();
  const lineText = text.getText({
    start: { line: caret.line, character: 0 },
    end: { line: caret.line + 1, character: 0 },
  });
  const at = (file: string): Location => ({ uri: fileUri(project.root, file), range: LINE_ONE });
  if (path === project.policyFile()) {
    const rule = ruleIdAt(lineText, caret.character, true);
    if (rule) return [{ uri: pathToFileURL(rulePageFile(rule, state.host.version)).href, range: LINE_ONE }];
    const doc = project.policyDocument();
    if (!doc) return [];
    const files = project.repo.listFiles();
    const pattern = patternAt(patternCoverage(doc, files, MAX_TARGETS), caret);
    if (pattern) return pattern.examples.map(at);
    const value = /^\s*(?:-\s+)?([\w.-]+)\s*[:=]\s*["']?([^"'#\s]+)/.exec(lineText);
    if (value && FILE_KEYS.has(value[1] ?? '') && files.includes(value[2] ?? '')) return [at(value[2] ?? '')];
    return [];
  }
  const m = migrations(project);
  return m ? parentRevisionFiles(m.analysis, path, caret, lineText).map(at) : [];
}

/** Labels over the deploy record's entries and each revision of the migrations. */
export async function getCodeLenses(state: ServiceState, uri: string): Promise<CodeLens[]> {
  const where = await locateOpenDocument(state, uri);
  if (!where) return [];
  const { doc: text, project, path } = where;
  await project.refresh();
  const doc = project.policyDocument();
  const lenses =
    doc?.policy.deploy?.record === path
      ? recordLenses(text.getText())
      : (() => {
          const m = migrations(project);
          return m ? revisionLenses(m.analysis, path, m.baseline) : [];
        })();
  // A lens with no command is a label: clients show it and do nothing when it is clicked. Its
  // title quotes the record (the repository's text): plain text, no control character in it.
  const labels = lenses.map((l) => ({ range: l.range, command: { title: printable(l.title), command: '' } }));
  return [...labels, ...policyTestLenses(state, project, path)];
}

/**
 * "Run policy tests" on line 1 of the policy file and of each test file: runs the cases in the
 * server (slipway.server.runPolicyTests); after a run it says how the last one went.
 */
function policyTestLenses(state: ServiceState, project: Project, path: string): CodeLens[] {
  if (path !== project.policyFile() && policyTestFiles([path]).length === 0) return [];
  const last = state.policyTests.summary(project.root);
  return [
    {
      range: LINE_ONE,
      command: {
        title: last ? `Run policy tests (last run: ${last})` : 'Run policy tests',
        command: SERVER_COMMANDS.runPolicyTests,
        arguments: [{ folder: fileUri(project.root, '') }],
      },
    },
  ];
}
