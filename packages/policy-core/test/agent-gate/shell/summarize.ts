import type { ShellEffects } from '../../../src/agent-gate/shell/index.js';

/**
 * Effects in one line each, for tables: `path` (+ `*` pattern, `~` not literal, `-` deletes, `/`
 * tree, `< from` a copy's source, itself `*` a glob, `?` unknown, and where it lands when said).
 */
export function summarize(effects: ShellEffects): {
  writes: string[];
  unknown: string[];
  unreadable: boolean;
} {
  return {
    writes: effects.writes.map(
      (w) =>
        `${w.path}${w.pattern ? ' *' : ''}${w.notLiteral ? ' ~' : ''}${w.deletes ? ' -' : ''}${w.tree ? ' /' : ''}${
          w.from === undefined
            ? ''
            : ` < ${w.from}${w.fromPattern ? ' *' : ''}${w.fromUnknown ? ' ?' : ''}${w.lands ? ` ${w.lands}` : ''}`
        }`,
    ),
    unknown: effects.unknown.map((u) => u.kind),
    unreadable: effects.unreadable !== undefined,
  };
}
