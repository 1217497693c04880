import { misconfiguredPaths } from '../../layouts/misconfigured-paths.js';
import { findingOf, type Rule } from '../../rule.js';
import type { CoverageRun } from './facts/coverage-facts.js';
import { DJANGO_MIGRATION, coverageExample } from './facts/examples.js';
import { commentSuppressDocs } from '../suppress-docs.js';

export const configuredPathMismatch: Rule<CoverageRun> = {
  id: 'COV003',
  name: 'configured-path-mismatch',
  family: 'COV',
  // Stryker disable next-line StringLiteral: the COV runner hands every rule the one run, reading no rule's facts.
  facts: 'coverage',
  defaultSeverity: 'error',
  title: 'configured migration path holds what its key does not read',
  docs: {
    what:
      'A `migrations.alembic` folder holds Django migrations, or Python files none of which declares ' +
      '`revision` (not Alembic revisions at all); or a `migrations.sql` pattern matches only files that ' +
      'are not `.sql` (Python migrations, say). The finding points at the key and says what ' +
      'the files look like. Entries a shared base (`extends:`) wrote are not judged; a missing Alembic ' +
      'folder is POL002.',
    why:
      'Each reader reads only its own kind of file and skips the rest, so a key pointed at the wrong ' +
      'files judges nothing and the check says "No findings" as if they had been read.',
    fix:
      'Point the key at the files it reads (Alembic `versions/` folders, `.sql` migrations), or remove ' +
      'the entry; a history Slipway does not judge is listed as not judged once the key is gone.',
    suppress: commentSuppressDocs('COV003'),
    examples: [
      coverageExample('flagged', 'shop/migrations/0002_delete_order.py', DJANGO_MIGRATION, {
        'slipway.yaml': 'version: 1\nmigrations:\n  alembic: shop/migrations   # Django migrations\n',
      }),
      coverageExample('fine', 'shop/migrations/0002_delete_order.py', DJANGO_MIGRATION),
    ],
  },
  check: ({ ctx }) =>
    misconfiguredPaths(ctx.repo, ctx.policy).map((m) =>
      findingOf(
        configuredPathMismatch,
        ctx.policy.file,
        ctx.policy.locate(m.at, 'value'),
        `${m.problem}; point the key at the files it reads, or remove the entry.`,
      ),
    ),
};
