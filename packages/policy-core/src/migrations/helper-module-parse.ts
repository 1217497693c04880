import type { SyntaxNode } from '@lezer/common';
import { LastByText } from '../last-by-text.js';
import { LineIndex } from '../text-position.js';
import { parsePython } from './alembic-module.js';
import type { ModuleIndex } from './helper-module-path.js';
import { bindModuleStatement, emptyScope, type ModuleScope } from './module-scope.js';
import { opNamesOf } from './op-reach.js';

// A module of the repository a revision calls into (helper-modules.ts), parsed by the revision's
// own reader (parsePython) and read by its own module-level reading (module-scope.ts).

/** A helper module as read: its top-level scope, or why it is not read. */
export interface ParsedModule {
  src: string;
  lines: LineIndex;
  scope: ModuleScope;
  opNames: ReadonlySet<string>;
  /** Offsets of the strings appended for a call's literal arguments (see withArguments). */
  appended: SyntaxNode[];
  recovered: boolean;
}

/** What the analyzer keeps between calls: parsed modules by path and text. */
export interface HelperReader extends ModuleIndex {
  parsed: LastByText<ParsedModule>;
  /** What this revision's following has spent: calls followed, characters parsed (LIMITS.helperModule). */
  spent: { calls: number; parsed: number };
}

/** A reader for one revision: its own budget, the analyzer's parsed modules. */
export const helperReader = (index: ModuleIndex, parsed: LastByText<ParsedModule>): HelperReader => ({
  ...index,
  parsed,
  spent: { calls: 0, parsed: 0 },
});

/** A module parsed through the reader's cache, counted against the revision's budget when parsed anew. */
export function parsedThrough(
  reader: HelperReader,
  key: string,
  src: string,
  appendedFrom?: number,
): ParsedModule {
  return reader.parsed.get(key, src, (t) => {
    reader.spent.parsed += t.length;
    return parseHelperModule(t, appendedFrom);
  });
}

export const helperCache = (): LastByText<ParsedModule> => new LastByText();

export function parseHelperModule(src: string, appendedFrom = src.length): ParsedModule {
  const tree = parsePython(src);
  const scope = emptyScope();
  const appended: SyntaxNode[] = [];
  for (let stmt = tree.topNode.firstChild; stmt; stmt = stmt.nextSibling) {
    if (stmt.from >= appendedFrom) {
      const s = stmt.firstChild;
      if (stmt.name === 'ExpressionStatement' && s?.name === 'String') appended.push(s);
      continue;
    }
    bindModuleStatement(stmt, src, scope, { upgrades: [] });
  }
  let recovered = false;
  tree.iterate({
    enter: (n) => {
      if (recovered || n.from >= appendedFrom) return false;
      if (n.type.isError) recovered = true;
      return undefined;
    },
  });
  return { src, lines: new LineIndex(src), scope, opNames: opNamesOf(scope.refs), appended, recovered };
}
