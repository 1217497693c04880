/**
 * A Codex shell command that is really a patch. Codex intercepts `apply_patch` run through its
 * shell tools (`apply_patch <<'EOF' … EOF`, or the argv `["apply_patch", patch]`) and applies the
 * patch itself, so the hook sees `Bash` while files change (openai/codex
 * `codex-rs/core/src/tools/handlers/apply_patch.rs`, `intercept_apply_patch`). The gate judges
 * such a command as the patch it is. A command that names apply_patch and carries a patch in any
 * other form (after a `cd`, in a pipeline) is not read: it is an unknown call, refused, and the
 * agent is pointed at the apply_patch tool, as Codex itself asks. Every other command is the
 * shell analyser's.
 */
import type { ToolCall } from '../tool-call.js';
import { unknownTool } from './input-fields.js';
import { patchCall } from './patch-call.js';

const PATCH_PROGRAMS = new Set(['apply_patch', 'applypatch']);

/**
 * The patch call a Bash command is, or undefined when it is an ordinary command: `argv` as the
 * input gave it (a list, or undefined for a string), `script` the text the shell analyser would
 * read (a `bash -lc` list's script).
 */
export function shellPatchCall(
  tool: string,
  argv: string[] | undefined,
  script: string,
): ToolCall | undefined {
  const patch = (argv === undefined ? undefined : argvPatch(argv)) ?? heredocPatch(script);
  if (patch !== undefined) return patchCall(tool, patch, 'the apply_patch patch in the command');
  if (/\bapply_?patch\b/.test(script) && script.includes('*** Begin Patch')) {
    return unknownTool(
      tool,
      'a shell command that runs apply_patch in a form the gate does not read; use the apply_patch tool',
    );
  }
  return undefined;
}

/** `["apply_patch", patch]`: the patch. */
function argvPatch(argv: string[]): string | undefined {
  return argv.length === 2 && PATCH_PROGRAMS.has(argv[0]!) ? argv[1] : undefined;
}

/** `apply_patch <<'EOF'` … `EOF` (any delimiter word, quoted or not) and nothing else: the body. */
function heredocPatch(command: string): string | undefined {
  const match =
    /^\s*(apply_patch|applypatch)[ \t]+<<[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2[ \t]*\n([\s\S]*)$/.exec(
      command,
    );
  if (!match) return undefined;
  const [, , , delimiter, rest] = match;
  const lines = rest!.trimEnd().split('\n');
  if (lines[lines.length - 1] !== delimiter) return undefined;
  return lines.slice(0, -1).join('\n');
}
