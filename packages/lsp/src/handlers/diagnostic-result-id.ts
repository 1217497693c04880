import type { Diagnostic } from 'vscode-languageserver/node';

/** A result id that changes exactly when the diagnostics do (FNV-1a over their JSON). */
export function diagnosticResultId(items: readonly Diagnostic[]): string {
  const text = JSON.stringify(items);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(36)}-${text.length}`;
}
