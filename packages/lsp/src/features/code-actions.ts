import {
  commentPrefix,
  type Finding,
  findRule,
  holdsSuppressionComment,
  printable,
  suppressibleInCode,
  type TextEdit as CoreEdit,
} from '@slipway/policy-core';
import {
  type CodeAction,
  CodeActionKind,
  CreateFile,
  type Diagnostic,
  type Range,
  TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { fileUri } from '../workspace/paths.js';

export interface ActionInput {
  root: string;
  /** The document's text, for the suppression comment's indentation. */
  lines: (line: number) => string;
  findings: readonly Finding[];
  range: Range;
  /** Diagnostics the client sent with the request: reused so the editor links action and squiggle. */
  diagnostics: readonly Diagnostic[];
  toDiagnostic: (f: Finding) => Diagnostic;
}

/** Quick fixes for the findings overlapping `range`: their own fixes first, then suppressions. */
export function codeActions(input: ActionInput): CodeAction[] {
  const fixes: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const suppressed = new Set<string>();
  for (const f of input.findings) {
    if (!overlaps(f.range, input.range)) continue;
    const diagnostic =
      input.diagnostics.find((d) => d.code === f.rule && sameRange(d.range, f.range)) ??
      input.toDiagnostic(f);
    const own = f.fixes ?? [];
    // The preferred one is what `check --fix` would apply: the one fix that is not a choice.
    const certain = own.filter((fix) => !fix.choice);
    for (const fix of own) {
      fixes.push({
        title: printable(fix.title),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: certain.length === 1 && !fix.choice,
        edit: workspaceEdit(input.root, fix.edits),
      });
    }
    const key = `${f.rule}:${f.range.start.line}`;
    const prefix = commentPrefix(f.file);
    // Only a rule can be allowed in a comment: the editor's own notices (a file too large) cannot.
    const rule = findRule(f.rule);
    // A lock its package manager rewrites drops the comment at the next install (generatedNpmLock).
    if (
      prefix &&
      holdsSuppressionComment(f.file) &&
      rule &&
      suppressibleInCode(rule) &&
      !suppressed.has(key)
    ) {
      suppressed.add(key);
      const edit = suppressionEdit(f, prefix, input.lines);
      suppressions.push({
        title: `Suppress ${f.rule} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [fileUri(input.root, f.file)]: [edit] } },
      });
    }
  }
  return [...fixes, ...suppressions];
}

/**
 * `# slipway: allow RULE -- reason` on its own line above the finding, indented like it. On a
 * line that is itself a comment or blank, a directive above would skip to the next code line,
 * so the comment goes at the end of the line instead.
 */
export function suppressionEdit(f: Finding, prefix: string, lines: (line: number) => string): TextEdit {
  const line = f.range.start.line;
  const text = lines(line);
  const directive = `${prefix} slipway: allow ${f.rule} -- reason`;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith(prefix)) {
    const end = { line, character: text.length };
    return { range: { start: end, end }, newText: `${trimmed === '' ? '' : '  '}${directive}` };
  }
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${indent}${directive}\n` };
}

function workspaceEdit(root: string, edits: readonly CoreEdit[]): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const uri = fileUri(root, e.file);
    changes[uri] ??= [];
    changes[uri].push({ range: e.range, newText: e.newText });
  }
  if (!edits.some((e) => e.create)) return { changes };
  // A fix that adds a file (a new migration) creates it first, failing if it is there already.
  const created = new Set(edits.filter((e) => e.create).map((e) => fileUri(root, e.file)));
  return {
    documentChanges: [
      ...[...created].map((uri) => CreateFile.create(uri, { overwrite: false, ignoreIfExists: false })),
      ...Object.entries(changes).map(([uri, list]) => TextDocumentEdit.create({ uri, version: null }, list)),
    ],
  };
}

const cmp = (a: Range['start'], b: Range['start']): number => a.line - b.line || a.character - b.character;

function overlaps(a: Range, b: Range): boolean {
  return cmp(a.start, b.end) <= 0 && cmp(b.start, a.end) <= 0;
}

function sameRange(a: Range, b: Range): boolean {
  return cmp(a.start, b.start) === 0 && cmp(a.end, b.end) === 0;
}
