import type { PolicyDocument, PolicyPath, Range } from '@slipway/policy-core';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';

/** Lines of `text` as offsets, to read back what a range covers. */
function textAt(lines: readonly string[], r: Range): string {
  if (r.start.line !== r.end.line) return '';
  return (lines[r.start.line] ?? '').slice(r.start.character, r.end.character);
}

const unquote = (s: string): string => s.replace(/^\[+|\]+$/g, '').replace(/^["']|["']$/g, '');

/**
 * The outline of a valid policy: sections, their keys, environment and database names, as
 * written. Keys the file does not write (defaults the schema fills in) are left out: the
 * locator answers them with an ancestor, whose text is not the key.
 */
export function policySymbols(doc: PolicyDocument): DocumentSymbol[] {
  const lines = doc.text.split(/\r?\n/);
  const walk = (value: unknown, path: PolicyPath, depth: number): DocumentSymbol[] => {
    if (depth > 3 || value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    const out: DocumentSymbol[] = [];
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const at = [...path, key];
      const keyRange = doc.locate(at, 'key');
      const written = textAt(lines, keyRange);
      // TOML tables are written as `[deploy.environments.staging]`: the last part names it.
      if (unquote(written).split('.').at(-1) !== key) continue;
      const valueRange = doc.locate(at, 'value');
      const end = after(valueRange.end, keyRange.end) ? valueRange.end : keyRange.end;
      const isObject = child !== null && typeof child === 'object' && !Array.isArray(child);
      out.push({
        name: key,
        detail: Array.isArray(child) ? `${child.length} item(s)` : isObject ? undefined : String(child),
        kind:
          depth === 0
            ? SymbolKind.Module
            : isObject
              ? SymbolKind.Object
              : Array.isArray(child)
                ? SymbolKind.Array
                : SymbolKind.Property,
        range: { start: keyRange.start, end },
        selectionRange: keyRange,
        children: walk(child, at, depth + 1),
      });
    }
    return out;
  };
  return walk(doc.policy, [], 0);
}

function after(a: Range['end'], b: Range['end']): boolean {
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}
