import type { JsRenderers } from '@slipway/policy-core';
import { loadKnexRenderer } from './knex-renderer.js';
import { loadKyselyRenderer } from './kysely-renderer.js';

/**
 * The renderers `slipway trace` (and the language server's trace hovers) hand the pure core: each
 * tool's own package, when installed beside Slipway, renders that tool's schema calls to SQL.
 */
export async function loadJsRenderers(): Promise<JsRenderers> {
  const [knex, kysely] = await Promise.all([loadKnexRenderer(), loadKyselyRenderer()]);
  return { ...knex, ...kysely };
}
