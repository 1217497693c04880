import { type EditorTag, type Finding, findRule, printableLines, type Severity } from '@slipway/policy-core';
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver/node';
import { fileUri } from '../workspace/paths.js';

/** A rule's `editorTags` as LSP tags (a suppression that suppresses nothing is dead text: faded). */
const TAG: Record<EditorTag, DiagnosticTag> = {
  unnecessary: DiagnosticTag.Unnecessary,
};

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export interface DiagnosticOptions {
  root: string;
  /** Where a rule's documentation lives, with `{id}` for the rule id; omitted: no link. */
  ruleDocs?: string;
}

/** What a diagnostic carries so that code actions can find their finding again. */
export interface DiagnosticData {
  rule: string;
}

/** A finding as the editor shows it: code = rule id, related locations as links. */
export function toDiagnostic(f: Finding, options: DiagnosticOptions): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'slipway',
    // Editors show a message as plain text, some in a terminal (Neovim): no control character.
    message: printableLines(f.message),
    data: { rule: f.rule } satisfies DiagnosticData,
  };
  const rule = findRule(f.rule);
  // Only the core's rules have a page; the editor's own notices (a file too large) do not.
  if (options.ruleDocs && rule) d.codeDescription = { href: options.ruleDocs.replace('{id}', f.rule) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: fileUri(options.root, r.file), range: r.range },
      message: printableLines(r.message),
    }));
  }
  if (rule?.editorTags?.length) d.tags = rule.editorTags.map((t) => TAG[t]);
  return d;
}
