/**
 * Whether loading a package failed because it is not installed: `require` (the CLI's script
 * bundle, cli-bundle-loader.ts) says MODULE_NOT_FOUND, `import()` (the language server's ES
 * module bundle, tests run from source) ERR_MODULE_NOT_FOUND.
 */
export function moduleNotFound(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}
