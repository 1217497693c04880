/**
 * `import()` for code in the command bundles, which are built without it: they run as scripts
 * (see command-loader.ts), and a script cannot run `import()` on Node 20 without an experimental
 * flag. This module belongs to the entry point, so the import runs from there (dist/, beside the
 * bundles: the same packages resolve). Only ES-module-only packages need it; the rest `require`.
 */
export function hostImport<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
