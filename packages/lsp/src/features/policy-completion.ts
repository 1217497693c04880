import type { CompletionItem } from 'vscode-languageserver/node';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver/node';
import type { PolicyCursor } from './policy-cursor.js';

/** A node of the policy's JSON Schema (generated from the zod schema the CLI validates with). */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

/** What completion offers besides the schema's keys: facts of the repository being edited. */
export interface CompletionFacts {
  rules: readonly { id: string; title: string }[];
  branches: readonly string[];
  /** Repository-relative files, for path patterns and file keys. */
  files: readonly string[];
}

const SEVERITIES = ['off', 'error', 'warning', 'info'];
/** Keys whose values are path patterns (gitignore semantics) or repository files. */
const PATTERN_LISTS = new Set(['protected.paths', 'agents.allowed', 'migrations.sql', 'migrations.alembic']);
/** Policy keys whose value is a repository path (completion offers paths; definition opens the file). */
export const FILE_KEYS: ReadonlySet<string> = new Set([
  'record',
  'audit_log',
  'config',
  'requirements',
  'lock',
  'alembic',
]);
const BRANCH_KEYS = new Set(['production_branch', 'branch', 'dependency_branch']);
const MAX_PATHS = 200;

function variants(node: SchemaNode | undefined): SchemaNode[] {
  if (!node) return [];
  const alts = node.anyOf ?? node.oneOf;
  return alts ? alts.flatMap(variants) : [node];
}

/** The schema node at a cursor path (`*` and map names go through additionalProperties). */
export function schemaAt(root: SchemaNode, path: readonly string[]): SchemaNode[] {
  let nodes = [root];
  for (const seg of path) {
    const next: SchemaNode[] = [];
    for (const n of nodes.flatMap(variants)) {
      if (seg === '[]') {
        if (n.items) next.push(n.items);
      } else if (n.properties?.[seg]) next.push(n.properties[seg]);
      else if (typeof n.additionalProperties === 'object') next.push(n.additionalProperties);
    }
    nodes = next;
  }
  return nodes.flatMap(variants);
}

function docs(text: string | undefined): CompletionItem['documentation'] {
  return text ? { kind: MarkupKind.Markdown, value: text } : undefined;
}

function value(text: string, cursor: PolicyCursor): string {
  return cursor.quoted ? JSON.stringify(text) : text;
}

/** Completions at a cursor of the policy file: keys with their docs, rule ids, values, branches, paths. */
export function policyCompletions(
  root: SchemaNode,
  cursor: PolicyCursor,
  facts: CompletionFacts,
): CompletionItem[] {
  const dotted = cursor.path.filter((p) => p !== '[]').join('.');
  if (cursor.mode === 'key') {
    if (dotted === 'rules')
      return facts.rules
        .filter((r) => !cursor.siblings.has(r.id))
        .map((r) => ({
          label: r.id,
          kind: CompletionItemKind.Property,
          detail: r.title,
          insertText: `${r.id}${cursor.keySuffix}`,
        }));
    if (dotted === 'deploy.environments')
      return ['staging', 'production']
        .filter((name) => !cursor.siblings.has(name))
        .map((label) => ({
          label,
          kind: CompletionItemKind.Module,
          detail: 'environment',
          insertText: `${label}${cursor.keySuffix.trimEnd()}`,
        }));
    const out: CompletionItem[] = [];
    for (const node of schemaAt(root, cursor.path)) {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (cursor.siblings.has(key) || out.some((o) => o.label === key)) continue;
        out.push({
          label: key,
          kind: CompletionItemKind.Property,
          insertText: `${key}${cursor.keySuffix}`,
          detail: typeLabel(child),
          documentation: docs(child.description ?? variants(child)[0]?.description),
        });
      }
    }
    return out;
  }
  const key = cursor.key ?? '';
  const here =
    cursor.mode === 'value' ? schemaAt(root, [...cursor.path, key]) : schemaAt(root, [...cursor.path, '[]']);
  if (cursor.mode === 'value' && dotted === 'rules')
    return SEVERITIES.map((s) => ({
      label: s,
      kind: CompletionItemKind.EnumMember,
      insertText: value(s, cursor),
    }));
  const enums = [
    ...new Set(
      here.flatMap(
        (n) => n.enum ?? (typeof n.type === 'string' && n.type === 'boolean' ? [true, false] : []),
      ),
    ),
  ];
  if (enums.length > 0)
    return enums.map((e) => ({
      label: String(e),
      kind: CompletionItemKind.EnumMember,
      insertText: typeof e === 'string' ? value(e, cursor) : String(e),
    }));
  const last = cursor.mode === 'value' ? key : (cursor.path.at(-1) ?? '');
  if (BRANCH_KEYS.has(last) || (cursor.mode === 'item' && dotted === 'agents.branches'))
    return facts.branches.map((b) => ({
      label: b,
      kind: CompletionItemKind.Reference,
      insertText: value(b, cursor),
    }));
  if (cursor.mode === 'item' ? PATTERN_LISTS.has(dotted) : FILE_KEYS.has(key))
    return pathCompletions(cursor.prefix, facts.files, cursor);
  return [];
}

function typeLabel(node: SchemaNode): string | undefined {
  const types = [
    ...new Set(variants(node).flatMap((v) => (Array.isArray(v.type) ? v.type : v.type ? [v.type] : []))),
  ];
  return types.length ? types.join(' | ') : undefined;
}

/**
 * The next path segment below what has been typed: folders (with `/`, so that the pattern
 * covers the folder) and files. A leading `/` (anchored pattern) is kept.
 */
export function pathCompletions(
  typed: string,
  files: readonly string[],
  cursor: PolicyCursor,
): CompletionItem[] {
  const anchor = typed.startsWith('/') ? '/' : '';
  const rel = typed.slice(anchor.length);
  const dir = rel.slice(0, rel.lastIndexOf('/') + 1);
  const seen = new Map<string, boolean>();
  for (const file of files) {
    if (!file.startsWith(dir)) continue;
    const rest = file.slice(dir.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash + 1);
    if (!seen.has(name)) seen.set(name, slash >= 0);
    if (seen.size >= MAX_PATHS) break;
  }
  return [...seen].map(([name, isDir]) => {
    const full = `${anchor}${dir}${name}`;
    return {
      label: full,
      kind: isDir ? CompletionItemKind.Folder : CompletionItemKind.File,
      insertText: value(full, cursor),
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}
