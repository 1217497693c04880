import type { ToolAnnotations, CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type * as z from 'zod/mini';
import type { McpSession } from './session.js';

/**
 * One tool of `slipway mcp`: what `tools/list` shows (schemas, annotations) and what answers a
 * call. Every tool only reads (`readOnlyHint`); arguments arrive checked against `inputSchema`.
 */
export interface McpTool {
  name: string;
  config: {
    title: string;
    description: string;
    inputSchema: z.ZodMiniObject;
    outputSchema: z.ZodMiniObject;
    annotations: ToolAnnotations & { readOnlyHint: true };
  };
  run(session: McpSession, args: Record<string, unknown>): Promise<CallToolResult>;
}
