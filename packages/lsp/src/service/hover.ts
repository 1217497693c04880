import { jsMigrationTool, patternCoverage } from '@slipway/policy-core';
import type { Hover, Position } from 'vscode-languageserver/node';
import { patternAt, patternMarkdown } from '../features/pattern-hover.js';
import { ruleIdAt, ruleMarkdown, rulesAt } from '../features/rule-hover.js';
import { traceHoverMarkdown } from '../features/trace-hover.js';
import { locateOpenDocument } from './open-document.js';
import type { ServiceState } from './service-state.js';
import { findingsFor } from './validation.js';

/**
 * The rules of the findings under the cursor, a rule id named there, a policy pattern's reach and
 * the last trace of the statement: one Markdown hover, or null when there is nothing to say.
 */
export async function doHover(state: ServiceState, uri: string, position: Position): Promise<Hover | null> {
  const where = await locateOpenDocument(state, uri);
  if (!where) return null;
  const { checked, findings } = await findingsFor(state, where.project, where.path, uri);
  const policyFile = 'policyFile' in checked ? checked.policyFile : 'slipway.yaml';
  const rules = rulesAt(findings, position);
  // A rule id under the cursor (in `rules:` or an allow comment) is explained too.
  const line = where.doc.getText({
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
  const migrations = where.project.policyDocument()?.policy.migrations;
  const tool = jsMigrationTool(where.path, migrations);
  const renderers = state.traces.renderers;
  const traced = traceHoverMarkdown(
    state.traces.get(where.project.root),
    where.path,
    where.doc.getText(),
    position.line,
    new Date(),
    migrations?.sql_runner,
    tool ? { tool, ...(renderers ? { renderers } : {}) } : undefined,
  );
  if (traced) parts.unshift(traced);
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}
