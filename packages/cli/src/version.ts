/** Replaced at bundle time by esbuild's `define`; the fallback serves tests run from source. */
declare const __SLIPWAY_VERSION__: string | undefined;
export const VERSION: string = typeof __SLIPWAY_VERSION__ === 'string' ? __SLIPWAY_VERSION__ : '0.0.0-dev';

declare const __SLIPWAY_SOURCE_HASH__: string | undefined;
/** A hash of the sources and locked dependencies the bundle was built from; undefined from source. */
export const SOURCE_HASH: string | undefined =
  typeof __SLIPWAY_SOURCE_HASH__ === 'string' ? __SLIPWAY_SOURCE_HASH__ : undefined;
