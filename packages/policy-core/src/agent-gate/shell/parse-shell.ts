/// <reference path="./mvdan-sh.d.ts" />
import { LIMITS } from '../../limits.js';
import type { ShFile, ShNode } from './sh-ast.js';

/**
 * mvdan/sh's parser, loaded on the first shell command only: the package is 1.5 MB of GopherJS
 * output that takes 150–250 ms to load on a 2-core machine, which every other tool call (a file
 * write, a read) must not pay. It is pure JavaScript (no WASM, no disk): it bundles.
 */
interface MvdanSyntax {
  NewParser(...options: unknown[]): { Parse(text: string, name: string): ShFile };
  NodeType(node: unknown): string;
  Walk(node: unknown, visit: (node: ShNode | null) => boolean): void;
}

let syntax: MvdanSyntax | undefined;
let loadMs = 0;

export async function loadShellParser(): Promise<MvdanSyntax> {
  if (!syntax) {
    const start = performance.now();
    const mod = (await import('mvdan-sh')) as { default?: { syntax: MvdanSyntax }; syntax?: MvdanSyntax };
    syntax = mod.syntax ?? mod.default?.syntax;
    if (!syntax) throw new Error('mvdan-sh has no syntax export');
    loadMs = performance.now() - start;
  }
  return syntax;
}

/** How long loading the parser took (ms), 0 before the first shell command. For the hook's timing log. */
export function shellParserLoadMs(): number {
  return loadMs;
}

/** The kind of a node (`CallExpr`, `Lit`, `CmdSubst` …): its Go type's name. */
export function nodeType(node: unknown): string {
  if (node === null || node === undefined || !syntax) return 'nil';
  // The wrapped Go value names its type (`*syntax.Lit`): read directly, it costs nothing, where
  // syntax.NodeType converts its argument back into Go first (~60 µs a call).
  const goType = (node as { __internal_object__?: { constructor?: { string?: unknown } } })
    .__internal_object__?.constructor?.string;
  if (typeof goType === 'string' && goType.startsWith('*syntax.')) return goType.slice(8);
  return syntax.NodeType(node);
}

/** Every node under `node` (itself included), depth first; `visit` returns false to skip a node's children. */
export function walkNodes(node: unknown, visit: (node: ShNode) => boolean): void {
  syntax?.Walk(node, (n) => (n === null ? true : visit(n)));
}

/**
 * The command parsed as bash, or why it cannot be: past a limit (characters, words, bracket
 * nesting, all checked by a linear scan before the parser runs, whose recursion and speed they
 * bound) or a syntax error. Never throws.
 */
export async function parseShell(text: string): Promise<ShFile | string> {
  const past = pastShellLimits(text);
  if (past) return past;
  await loadShellParser();
  return parseShellSync(text);
}

/** `parseShell` once the parser is loaded (nested code: `bash -c '…'`, `eval`). */
export function parseShellSync(text: string): ShFile | string {
  const past = pastShellLimits(text);
  if (past) return past;
  if (!syntax) return 'the shell parser is not loaded';
  try {
    return syntax.NewParser().Parse(text, '');
  } catch (error) {
    if (error instanceof RangeError) return 'the command nests too deeply for the shell parser';
    const message = (error as { Error?: () => string }).Error?.() ?? String(error);
    return `the command is not valid bash (${message})`;
  }
}

/** Why a command is past the reader's limits, or undefined. Linear in the text. */
export function pastShellLimits(text: string): string | undefined {
  const { chars, words, depth } = LIMITS.shell;
  if (text.length > chars)
    return `the command has ${text.length} characters, past the limit of ${chars}: write the file with the agent's write tool instead`;
  let count = 0;
  let inWord = false;
  let nesting = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
    // ; | & < > ( ) each count as a word of their own: `a;a;a` is three commands.
    const operator =
      c === 0x3b || c === 0x7c || c === 0x26 || c === 0x3c || c === 0x3e || c === 0x28 || c === 0x29;
    if (!space && (!inWord || operator) && ++count > words)
      return `the command has more than ${words} words, past the shell reader's limit`;
    inWord = !space && !operator;
    if (c === 0x28 || c === 0x7b || c === 0x5b) {
      if (++nesting > depth)
        return `the command nests brackets more than ${depth} deep, past the shell reader's limit`;
    } else if ((c === 0x29 || c === 0x7d || c === 0x5d) && nesting > 0) nesting--;
  }
  return undefined;
}
