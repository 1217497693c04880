import {
  type CodeAction,
  type CodeActionContext,
  CodeActionKind,
  type Range,
} from 'vscode-languageserver/node';
import { codeActions } from '../features/code-actions.js';
import { toDiagnostic } from '../features/to-diagnostic.js';
import { locateOpenDocument } from './open-document.js';
import type { ServiceState } from './service-state.js';
import { findingsFor } from './validation.js';

/** Quick fixes for the findings in `range`: their own fixes, then the suppression comments. */
export async function getCodeActions(
  state: ServiceState,
  uri: string,
  range: Range,
  context: CodeActionContext,
): Promise<CodeAction[]> {
  if (context.only && !context.only.some((k) => k === '' || CodeActionKind.QuickFix.startsWith(k))) return [];
  const where = await locateOpenDocument(state, uri);
  if (!where) return [];
  const { findings } = await findingsFor(state, where.project, where.path, uri);
  const root = where.project.root;
  return codeActions({
    root,
    lines: (line) =>
      where.doc
        .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
        .replace(/\r?\n$/, ''),
    findings,
    range,
    diagnostics: context.diagnostics,
    toDiagnostic: (f) => toDiagnostic(f, { root, ruleDocs: state.host.ruleDocs }),
  });
}
