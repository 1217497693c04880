/**
 * The parts every adapter's `render` is made of. Two rules hold for all agents (see README.md):
 * a refusal never exits 1 (every agent below reads exit 1 as "the hook failed" and runs the
 * call), and "allow" says nothing (exit 0, no decision): an explicit allow would approve the call
 * past the agent's own permission prompt, which Slipway having no objection must not do.
 */
import type { HookAnswer } from '../tool-call.js';

/** No objection: exit 0 and `stdout` as given (empty, or `{}` where the agent requires JSON). */
export function noObjection(stdout = ''): HookAnswer {
  return { exitCode: 0, stdout, stderr: '' };
}

/** A JSON answer on stdout with exit 0 (the agent reads the decision from it). */
export function jsonAnswer(body: unknown): HookAnswer {
  return { exitCode: 0, stdout: `${JSON.stringify(body)}\n`, stderr: '' };
}

/**
 * A refusal by exit code 2 with the reason on stderr, the form Claude Code, Codex and Gemini CLI
 * have documented since their hooks began (it does not depend on a JSON shape that changed across
 * releases); the same refusal as the agent's JSON on stdout, for a reader that looks there.
 */
export function blockingAnswer(reason: string, body: unknown): HookAnswer {
  return { exitCode: 2, stdout: `${JSON.stringify(body)}\n`, stderr: `${reason}\n` };
}
