import type { SyntaxNode } from '@lezer/common';
import type { Range } from '../finding.js';
import type { LineIndex } from '../text-position.js';
import { type ModuleBindings, modelImportUses } from './django-run-python-models.js';
import { arg, type CallArgs, callArgs, calleeName, staticValue } from './python-syntax.js';

/** What `migrations.RunPython(code, reverse_code)` says, read from its call. */
export interface RunPythonFacts {
  /** Its forward code is `RunPython.noop` (it runs nothing on the way up). */
  noopForward?: true;
  /** A way back is given. */
  reversible: boolean;
  /** Models its functions reach through an import rather than `apps.get_model` (MIG049). */
  modelImports?: { model: string; path: string; fn: string; range: Range }[];
}

export function readRunPython(
  args: CallArgs,
  src: string,
  lines: LineIndex,
  bindings: (() => ModuleBindings) | undefined,
): RunPythonFacts {
  const code = arg(args, 0, 'code');
  const reverse = arg(args, 1, 'reverse_code');
  const facts: RunPythonFacts = {
    reversible: reverse !== undefined && staticValue(reverse, src) !== null,
  };
  if (
    code !== undefined &&
    /(?:^|\.)RunPython\.noop$/.test(src.slice(code.from, code.to).replace(/\s+/g, ''))
  )
    facts.noopForward = true;
  if (bindings === undefined) return facts;
  const names = [code, reverse].flatMap((node) => functionName(node, src) ?? []);
  const uses = names.length > 0 ? modelImportUses(names, bindings(), src) : [];
  if (uses.length > 0)
    facts.modelImports = uses.map((u) => ({
      model: u.model,
      path: u.path,
      fn: u.fn,
      range: lines.range(u.from, u.to),
    }));
  return facts;
}

/** `forwards`, or `functools.partial(forwards, ...)`: the name of a function the file may define. */
function functionName(node: SyntaxNode | undefined, src: string): string | undefined {
  if (node?.name === 'VariableName') return src.slice(node.from, node.to);
  if (node?.name === 'CallExpression' && calleeName(node, src) === 'partial')
    return functionName(callArgs(node, src).positional[0], src);
  return undefined;
}
