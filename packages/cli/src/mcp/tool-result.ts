import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { printable } from '@slipway/policy-core';
import { UserError } from '../command.js';

/** A question Slipway will not answer (a bad argument, a path outside the repository): the tool's error, one line. */
export class ToolRefusal extends Error {
  override name = 'ToolRefusal';
}

/** A tool's answer: the data (checked against its output schema) and the same facts as text for the model. */
export function answer<T extends Record<string, unknown>>(data: T, text: string): CallToolResult {
  return { structuredContent: data, content: [{ type: 'text', text }] };
}

/** A tool error in one line: what was wrong and what to do; the server goes on. */
export function toolError(message: string): CallToolResult {
  // The first line, shown as text: a path or a rule id is the agent's own input.
  const line = printable(message.split('\n')[0] ?? '').slice(0, 500);
  return { isError: true, content: [{ type: 'text', text: line }] };
}

/**
 * Runs a tool's handler: a refusal or a problem the user can fix (no policy, not a repository)
 * becomes a one-line tool error; anything else is an internal error, said in one line to the
 * client and with its stack on stderr (stdout is the protocol).
 */
export async function guarded(
  stderr: NodeJS.WritableStream,
  tool: string,
  run: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ToolRefusal || err instanceof UserError) return toolError(err.message);
    const e = err instanceof Error ? err : new Error(String(err));
    stderr.write(`slipway mcp: ${tool}: internal error: ${e.stack ?? e.message}\n`);
    return toolError(`internal error in ${tool}: ${e.message} (the server's stderr has the details)`);
  }
}
