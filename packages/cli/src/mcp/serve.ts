import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { LIMITS } from '@slipway/policy-core';
import type { CommandContext } from '../command.js';
import { VERSION } from '../version.js';
import { McpSession } from './session.js';
import type { McpTool } from './tool.js';
import { guarded } from './tool-result.js';
import { checkChangeTool } from './tools/check-change.js';
import { explainRuleTool } from './tools/explain-rule.js';
import { lintMigrationTool } from './tools/lint-migration.js';
import { mayEditTool } from './tools/may-edit.js';
import { policySummaryTool } from './tools/policy-summary.js';

export const TOOLS: readonly McpTool[] = [
  policySummaryTool,
  mayEditTool,
  checkChangeTool,
  lintMigrationTool,
  explainRuleTool,
];

/**
 * Serves the tools over stdio until the client closes the pipe. Stdout is the protocol: nothing
 * else may be written there, so every log line goes to stderr.
 */
export async function serveMcp(ctx: CommandContext, dir: string): Promise<number> {
  const session = new McpSession(dir, ctx.env);
  const server = new McpServer(
    { name: 'slipway', version: VERSION },
    {
      instructions:
        'Slipway is the deployment policy of this repository. Ask policy_summary what an agent may do, may_edit before editing files, ' +
        'lint_migration on a migration before writing it, and check_change before saying the work is done; explain_rule explains a rule id.',
      // Bounds the work of checking one call's arguments before any schema runs (a million-element array).
      maxToolInputElements: LIMITS.mcp.paths + 16,
    },
  );
  for (const tool of TOOLS)
    server.registerTool(tool.name, tool.config, (args: Record<string, unknown>) =>
      guarded(ctx.stderr, tool.name, () => tool.run(session, args)),
    );
  const transport = new StdioServerTransport(ctx.stdin, ctx.stdout, {
    maxBufferSize: LIMITS.mcp.messageBytes,
  });
  const closed = new Promise<number>((done) => {
    transport.onclose = () => done(0);
  });
  // A message past the transport's cap, or a line that is not JSON-RPC: said on stderr.
  transport.onerror = (err) => ctx.stderr.write(`slipway mcp: ${err.message.split('\n')[0]}\n`);
  await server.connect(transport);
  ctx.stderr.write(`slipway mcp: serving ${TOOLS.length} tools over stdio for ${dir}\n`);
  // The client closing stdin ends the session.
  ctx.stdin.once('end', () => void server.close());
  return closed;
}
