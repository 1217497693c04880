/**
 * The entry point's modules that the command bundles use instead of copies of their own, keyed
 * by path from the repository root (see command-loader.ts). Empty in the sources: the build
 * (scripts/build.mjs) puts the real map in dist/slipway.mjs, and code run from source never
 * loads a command bundle.
 */
export const sharedModules: Record<string, unknown> = {};
