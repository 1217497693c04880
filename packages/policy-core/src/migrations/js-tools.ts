/**
 * The JavaScript/TypeScript migration tools Slipway reads, each named as its key under the
 * policy's `migrations` section (`migrations.mikro_orm`), and as a person reads it in a finding.
 * One list, which the reader, the layout table, init and the rules share; no parser here, so the
 * agent gate's path roles can ask without loading one.
 */
export const JS_TOOLS = ['knex', 'typeorm', 'sequelize', 'kysely', 'mikro_orm'] as const;

export type JsTool = (typeof JS_TOOLS)[number];

const TOOL_NAME: Record<JsTool, string> = {
  knex: 'Knex',
  typeorm: 'TypeORM',
  sequelize: 'Sequelize',
  kysely: 'Kysely',
  mikro_orm: 'MikroORM',
};

/** The tool's name as a person reads it in a finding. */
export const jsToolName = (tool: JsTool): string => TOOL_NAME[tool];
