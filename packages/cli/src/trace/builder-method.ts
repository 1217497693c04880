import { moduleNotFound } from '../module-not-found.js';

/**
 * The one way a renderer calls a builder method whose name comes from the repository (a Knex or
 * Kysely replay, knex-renderer.ts, kysely-renderer.ts). Builder methods are plain camel-case names.
 * What an object inherits from Object or Function (`constructor`, `call`, `bind`, `__proto__`) and
 * what a tool's `notBuilding` names (what runs or reconfigures a query rather than describing it)
 * is refused: a chain of names from the repository must only ever build SQL text.
 */
const METHOD_NAME = /^[a-z][A-Za-z0-9]*$/;

/** A replay refused: its message is the not-traced reason. */
export class NotReplayable extends Error {}

export function builderMethod(
  target: unknown,
  name: string,
  notBuilding: ReadonlySet<string>,
  tool: string,
): (...args: unknown[]) => unknown {
  if (
    !METHOD_NAME.test(name) ||
    notBuilding.has(name) ||
    name in Object.prototype ||
    name in Function.prototype ||
    (typeof target !== 'object' && typeof target !== 'function') ||
    target === null
  )
    throw new NotReplayable(`\`${name}\` is not a builder method Slipway replays`);
  const fn = (target as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new NotReplayable(`${tool} has no \`${name}\` there`);
  return (...args) => (fn as (...a: unknown[]) => unknown).apply(target, args);
}

/** One of the tool's own methods Slipway calls itself (not a name from the repository). */
export function ownMethod(target: unknown, name: string, tool: string): (...args: unknown[]) => unknown {
  const fn = (target as Record<string, unknown> | null)?.[name];
  if (typeof fn !== 'function') throw new NotReplayable(`${tool}'s builder has no ${name}()`);
  return (...args) => (fn as (...a: unknown[]) => unknown).apply(target, args);
}

/** Whatever the tool threw (an Error, or anything else), as one line. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]?.slice(0, 200) || 'an error';
}

/**
 * Why an optional renderer is not at hand, for the not-traced reason: not installed, or installed
 * and unusable here (another major version, a broken install). Either way its calls are listed
 * with this, and trace goes on with everything else.
 */
export function unavailable(tool: string, pkg: string, err: unknown): string {
  return moduleNotFound(err)
    ? `${tool}, an optional dependency, is not installed beside Slipway (npm install -g ${pkg}, or beside the project)`
    : `${tool}, an optional dependency, could not be loaded beside Slipway (${oneLine(err)}); reinstall it (npm install -g ${pkg})`;
}
