import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { patternCoverage, policyTestFiles, type RuleMeta, readMigrationTrees } from '@slipway/policy-core';
import type { CodeLens, Location } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { parentRevisionFiles, revisionLenses } from '../features/migration-navigation.js';
import { FILE_KEYS } from '../features/policy-completion.js';
import { patternAt } from '../features/pattern-hover.js';
import { policySymbols } from '../features/policy-symbols.js';
import { recordLenses } from '../features/record-lens.js';
import { rulePage, ruleIdAt } from '../features/rule-hover.js';
import { SERVER_COMMANDS } from '../protocol/index.js';
import { fileUri } from '../workspace/paths.js';
import type { Project } from '../workspace/project.js';

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

/**
 * "Run policy tests" on line 1 of the policy file and of each test file: runs the cases in the
 * server (slipway.server.runPolicyTests); after a run it says how the last one went.
 */
function policyTestLenses(ctx: ServerContext, project: Project, path: string): CodeLens[] {
  if (path !== project.policyFile() && policyTestFiles([path]).length === 0) return [];
  const last = ctx.policyTests.summary(project.root);
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

/** Outline and go-to-definition in the policy, definitions and lenses in migrations and the record. */
export function registerNavigation(ctx: ServerContext, version: string): void {
  ctx.connection.onDocumentSymbol(async ({ textDocument }) => {
    const where = await ctx.projects.locate(textDocument.uri);
    if (!where || where.path !== where.project.policyFile()) return [];
    const doc = where.project.policyDocument();
    return doc ? policySymbols(doc) : [];
  });

  ctx.connection.onDefinition(async ({ textDocument, position }): Promise<Location[]> => {
    const text = ctx.documents.get(textDocument.uri);
    const where = await ctx.projects.locate(textDocument.uri);
    if (!text || !where) return [];
    const { project, path } = where;
    await project.refresh();
    const lineText = text.getText({
      start: { line: position.line, character: 0 },
      end: { line: position.line + 1, character: 0 },
    });
    const at = (file: string): Location => ({ uri: fileUri(project.root, file), range: LINE_ONE });
    if (path === project.policyFile()) {
      const rule = ruleIdAt(lineText, position.character, true);
      if (rule) return [{ uri: pathToFileURL(rulePageFile(rule, version)).href, range: LINE_ONE }];
      const doc = project.policyDocument();
      if (!doc) return [];
      const files = project.repo.listFiles();
      const pattern = patternAt(patternCoverage(doc, files, MAX_TARGETS), position);
      if (pattern) return pattern.examples.map(at);
      const value = /^\s*(?:-\s+)?([\w.-]+)\s*[:=]\s*["']?([^"'#\s]+)/.exec(lineText);
      if (value && FILE_KEYS.has(value[1] ?? '') && files.includes(value[2] ?? ''))
        return [at(value[2] ?? '')];
      return [];
    }
    const m = migrations(project);
    return m ? parentRevisionFiles(m.analysis, path, position, lineText).map(at) : [];
  });

  ctx.connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    const text = ctx.documents.get(textDocument.uri);
    const where = await ctx.projects.locate(textDocument.uri);
    if (!text || !where) return [];
    const { project, path } = where;
    await project.refresh();
    const doc = project.policyDocument();
    const lenses =
      doc?.policy.deploy?.record === path
        ? recordLenses(text.getText())
        : (() => {
            const m = migrations(project);
            return m ? revisionLenses(m.analysis, path, m.baseline) : [];
          })();
    // A lens with no command is a label: clients show it and do nothing when it is clicked.
    const labels = lenses.map((l) => ({ range: l.range, command: { title: l.title, command: '' } }));
    return [...labels, ...policyTestLenses(ctx, project, path)];
  });
}
