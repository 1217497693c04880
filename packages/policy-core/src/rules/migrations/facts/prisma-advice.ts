import { DEPLOY_SPLITS_FROM, SHADOW_SPLITS_FROM } from '../../../migrations/prisma-version.js';
import type { SchemaOp } from '../../../migrations/schema-op.js';
import { TRANSACTION_OPT_OUT_HINT } from '../../../migrations/sql-migration-parts.js';

/**
 * A statement of a Prisma migration.sql of several statements that `prisma migrate dev` replays
 * into its shadow database in one query (Prisma 7.4.0 up to 7.8.0, or a version not told), though
 * deploy may run it alone: CONCURRENTLY there fails the replay (P3006).
 */
export function prismaShadowWraps(op: SchemaOp): boolean {
  return op.prisma?.several === true && op.prisma.scripts.shadow !== 'split';
}

/** MIG021's finding on CONCURRENTLY in a Prisma migration.sql that Prisma sends as one query somewhere. */
export function prismaConcurrentlyMessage(op: SchemaOp): string {
  const head = `${op.label} runs CONCURRENTLY in a migration.sql with other statements`;
  const hint = TRANSACTION_OPT_OUT_HINT.prisma as string;
  const sends = op.prisma;
  const scripts = sends?.scripts;
  if (sends?.unsplit !== undefined && scripts?.deploy === 'split') {
    const reads = sends.unsplitKnown
      ? `their SQL parser does not read ${sends.unsplit} (prisma-engines PR #5847), so this file goes`
      : `Slipway cannot tell that their SQL parser reads ${sends.unsplit}; if it does not, this file goes`;
    return `${head}: Prisma ${DEPLOY_SPLITS_FROM} and later run such a file statement by statement only when they read every statement, and ${reads} as one query, which PostgreSQL runs as one transaction, where it rejects CONCURRENTLY (25001); ${hint}.`;
  }
  if (scripts?.deploy === 'split') {
    const which =
      scripts.shadow === 'whole'
        ? scripts.said
        : `${scripts.said}, which allows releases before ${SHADOW_SPLITS_FROM}`;
    return `${head}: \`prisma migrate deploy\` runs it statement by statement from Prisma ${DEPLOY_SPLITS_FROM}, but \`prisma migrate dev\` replays the file into its shadow database as one query, one transaction, before ${SHADOW_SPLITS_FROM} (here ${which}), where PostgreSQL rejects CONCURRENTLY (P3006); upgrade Prisma to ${SHADOW_SPLITS_FROM} or later, or ${hint}.`;
  }
  const whole = `${head}, which Prisma before ${DEPLOY_SPLITS_FROM} sends as one query and PostgreSQL runs as one transaction, where it rejects CONCURRENTLY (25001)`;
  if (scripts?.deploy === 'whole')
    return `${whole}; here ${scripts.said}: upgrade Prisma to ${SHADOW_SPLITS_FROM} or later, which runs the file statement by statement, or ${hint}.`;
  return `${whole}; Prisma ${DEPLOY_SPLITS_FROM} and later run it statement by statement (${SHADOW_SPLITS_FROM} and later in \`prisma migrate dev\`'s shadow database too), but ${scripts?.said ?? "this project's Prisma version was not read"}; ${hint}.`;
}
