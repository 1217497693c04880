import { findRule, patternCoverage } from '@slipway/policy-core';
import { CodeActionKind, type Hover, RequestType } from 'vscode-languageserver/node';
import type { ServerContext } from '../context.js';
import { EXPLAIN_REQUEST, type ExplainParams } from '../protocol/notifications.js';
import { codeActions } from '../features/code-actions.js';
import { patternAt, patternMarkdown } from '../features/pattern-hover.js';
import { ruleIdAt, ruleMarkdown, rulePage, rulesAt } from '../features/rule-hover.js';
import { toDiagnostic } from '../features/to-diagnostic.js';
import { traceHoverMarkdown } from '../features/trace-hover.js';
import { findingsFor } from './diagnostics-handler.js';

/** `slipway/explain`: a rule's documentation as Markdown (the extension's rule pages); null if unknown. */
export const ExplainRequest = new RequestType<ExplainParams, string | null, void>(EXPLAIN_REQUEST);

/** Hover, code actions and rule explanations: each a few lines over workspace/ and features/. */
export function registerLanguageHandlers(ctx: ServerContext): void {
  ctx.connection.onHover(async ({ textDocument, position }): Promise<Hover | null> => {
    const doc = ctx.documents.get(textDocument.uri);
    const where = await ctx.projects.locate(textDocument.uri);
    if (!doc || !where) return null;
    const { state, findings } = await findingsFor(ctx, where.project, where.path, textDocument.uri);
    const policyFile = 'policyFile' in state ? state.policyFile : 'slipway.yaml';
    const rules = rulesAt(findings, position);
    // A rule id under the cursor (in `rules:` or an allow comment) is explained too.
    const line = doc.getText({
      start: { line: position.line, character: 0 },
      end: { line: position.line + 1, character: 0 },
    });
    const named = ruleIdAt(line.replace(/\r?\n$/, ''), position.character, where.path === policyFile);
    if (named && !rules.includes(named)) rules.push(named);
    const parts = rules.map((r) => ruleMarkdown(r, where.path, policyFile));
    // A path pattern of the policy: what it decides over the repository's files.
    const policy = where.path === policyFile ? where.project.policyDocument() : undefined;
    const pattern = policy && patternAt(patternCoverage(policy, where.project.repo.listFiles()), position);
    if (pattern) parts.unshift(patternMarkdown(pattern));
    // What the last trace measured for the statement under the cursor, if it is still as traced:
    // first, above the rule docs whose claim it confirms or refutes.
    const traced = traceHoverMarkdown(
      ctx.traces.get(where.project.root),
      where.path,
      doc.getText(),
      position.line,
      new Date(),
      where.project.policyDocument()?.policy.migrations?.sql_runner,
    );
    if (traced) parts.unshift(traced);
    if (parts.length === 0) return null;
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
  });

  ctx.connection.onCodeAction(async ({ textDocument, range, context }) => {
    if (context.only && !context.only.some((k) => k === '' || CodeActionKind.QuickFix.startsWith(k)))
      return [];
    const doc = ctx.documents.get(textDocument.uri);
    const where = await ctx.projects.locate(textDocument.uri);
    if (!doc || !where) return [];
    const { findings } = await findingsFor(ctx, where.project, where.path, textDocument.uri);
    const root = where.project.root;
    return codeActions({
      root,
      lines: (line) =>
        doc
          .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
          .replace(/\r?\n$/, ''),
      findings,
      range,
      diagnostics: context.diagnostics,
      toDiagnostic: (f) => toDiagnostic(f, { root, ruleDocs: ctx.ruleDocs }),
    });
  });

  ctx.connection.onRequest(ExplainRequest, ({ rule }) => {
    const meta = findRule(rule);
    return meta ? rulePage(meta) : null;
  });
}
