import { isVersionFile, LIMITS, migrationFamily, migrationSources, Workspace } from '@slipway/policy-core';
import * as z from 'zod/mini';
import { judge } from '../../check-judge.js';
import { findingsReport, findingsReportShape } from '../findings-report.js';
import { withProposedChange, withProposedFile } from '../proposed-file.js';
import { limitedString, withinLength } from '../argument-limits.js';
import type { McpTool } from '../tool.js';
import { answer, ToolRefusal } from '../tool-result.js';

export const lintMigrationTool: McpTool = {
  name: 'lint_migration',
  config: {
    title: 'Lint a migration',
    description:
      "The migration rules (MIG: locks, rewrites, destructive or irreversible steps, the revision chain) on one migration the policy's `migrations` section names " +
      '(an Alembic revision or a .sql migration): the file as it is in the working tree, or, with `text`, the text you are about to write there ' +
      '(nothing is written). Paths are relative to the repository root, or absolute inside it.',
    inputSchema: z.object({
      path: limitedString(LIMITS.mcp.pathChars),
      text: z.optional(z.string().register(z.globalRegistry, { maxLength: LIMITS.mcp.textChars })),
    }),
    outputSchema: z.object({ path: z.string(), proposed: z.boolean(), ...findingsReportShape }),
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(session, args) {
    const { path: raw, text } = args as { path: string; text?: string };
    withinLength('path', raw, LIMITS.mcp.pathChars, 'name a migration in the repository');
    if (text !== undefined && text.length > LIMITS.mcp.textChars)
      throw new ToolRefusal(
        `text has ${text.length} characters, over the limit of ${LIMITS.mcp.textChars}: write the file and lint it by its path (or run \`slipway check\`)`,
      );
    // The file the text would land in: through a link inside the repository, the one it names.
    const named = await session.repoPath(raw);
    const path = named.real ?? named.path;
    const { context, change } = await session.inTurn(() => session.open());
    const section = context.policy.policy.migrations;
    const { file } = context.policy;
    if (!section)
      throw new ToolRefusal(
        `${file} has no migrations section: Slipway lints no migrations in this repository`,
      );
    const repo = text === undefined ? context.repo : withProposedFile(context.repo, path, text);
    if (text === undefined && repo.readFile(path) === undefined)
      throw new ToolRefusal(
        `${path} ${repo.whyUnread?.(path) ?? 'does not exist in the working tree'}; pass its proposed text as \`text\``,
      );
    const sources = migrationSources(repo, section);
    const isMigration =
      sources.sqlFiles.includes(path) ||
      (isVersionFile(path) && sources.alembic.some((root) => path.startsWith(`${root}/`)));
    if (!isMigration)
      throw new ToolRefusal(
        `${path} is not a migration under ${file} (migrations.alembic: ${sources.alembic.join(', ') || 'none'}; migrations.sql: ${(section.sql ?? []).join(', ') || 'none'}); run \`slipway explain ${path}\` for what Slipway reads it as`,
      );
    const result = judge({
      policy: context.policy,
      repo,
      change: withProposedChange(change, path),
      env: session.env,
      families: [migrationFamily],
      only: ['MIG'],
      // Fresh caches: the parsed texts of the working tree are keyed by path, and this one differs.
      workspace: text === undefined ? context.workspace : new Workspace(),
    });
    const findings = result.findings.filter((f) => f.file === path);
    const report = findingsReport(result, findings, 1);
    return answer({ path, proposed: text !== undefined, ...report.data }, report.text);
  },
};
