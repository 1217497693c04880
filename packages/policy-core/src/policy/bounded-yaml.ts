import { type Document, LineCounter, parseDocument, visit } from 'yaml';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import type { PolicyPath } from './document.js';
import { locateInYaml } from './yaml-locator.js';

/** One reason a YAML text could not be read, at its place; the message says what to write. */
export interface YamlProblem {
  range: Range;
  message: string;
}

export type BoundedYaml =
  | { value: unknown; doc: Document; locate: (path: PolicyPath, part?: 'key' | 'value') => Range }
  | { problems: YamlProblem[] };

/** Where an alias can start: `*name` at a line's start or after a space, `[`, `{`, `,` or `:`. An alias missed here still fails in toJS, as invalid YAML. */
const MAY_HOLD_ALIAS = /(?:^|[\s[{,:])\*/;

/**
 * Reads one YAML document the way every Slipway file a pull request can change is read: unique
 * keys, `<<` merge keys, an alias to an undefined anchor refused at the alias, and aliases
 * expanded at most `maxAliases` times (a "billion laughs" document is one problem, not a
 * gigabyte). Size and nesting are the caller's to check first (limits.ts), before any parser runs.
 * The policy (parse.ts) and the policy test cases (policy-tests/) read through it.
 */
export function loadBoundedYaml(text: string, index: LineIndex, maxAliases: number): BoundedYaml {
  const lineCounter = new LineCounter();
  // `merge: true`: `<<` merge keys are common in hand-written YAML (YAML 1.1); toJS applies them.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.slice(0, 5).map((e) => ({
        range: index.range(e.pos[0], Math.max(e.pos[0], e.pos[1])),
        message: `invalid YAML: ${yamlMessage(e.message, maxAliases)}`,
      })),
    };
  }
  // An alias to an anchor that is not defined before it parses fine and throws in toJS. A text
  // with no `*` after a space, a flow indicator or the line start holds no alias (`auto/*` is a
  // plain scalar): the walk over every node is skipped.
  const unresolved: YamlProblem[] = [];
  if (MAY_HOLD_ALIAS.test(text))
    visit(doc, {
      Alias(_, alias) {
        if (alias.resolve(doc) !== undefined) return;
        const [start, end] = alias.range ?? [0, 0];
        unresolved.push({
          range: index.range(start, end),
          message: `\`*${alias.source}\` names no anchor defined before it; define \`&${alias.source}\` first or write the value out`,
        });
      },
    });
  if (unresolved.length > 0) return { problems: unresolved.slice(0, 5) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: maxAliases });
  } catch (err) {
    // Only the alias-expansion limit is left to throw here (a "billion laughs" document).
    return {
      problems: [
        {
          range: index.range(0, 0),
          message: `invalid YAML: ${yamlMessage((err as Error).message, maxAliases)}`,
        },
      ],
    };
  }
  return { value, doc, locate: (path, part = 'value') => locateInYaml(doc, index, path, part) };
}

function yamlMessage(message: string, maxAliases: number): string {
  const first = message.split('\n')[0] ?? message;
  // The yaml package's advice names its own API; the file's author needs the YAML fix.
  if (/alias count/i.test(first))
    return `aliases expand to more than ${maxAliases} values (a "billion laughs" document); write the values out`;
  if (/multiple documents/i.test(first))
    return 'the file holds more than one YAML document (a `---` line); keep a single document';
  // With `prettyErrors: false` the message carries no position of its own: the finding has it.
  return first;
}
