/** Escapes text for use inside a RegExp source, so that identities and templates stay literal. */
export function literalRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
