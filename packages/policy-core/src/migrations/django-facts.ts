import type { Range } from '../finding.js';
import type { DjangoOperation } from './django-operation.js';

/** A migration another one names: `("auth", "0001_initial")`. */
export interface DjangoRef {
  app: string;
  name: string;
  range: Range;
}

/** What a Django migration file says beyond what an Alembic revision would (MigrationModule.django). */
export interface DjangoFacts {
  /** The app label: the name of the folder holding `migrations/`. */
  app: string;
  operations: DjangoOperation[];
  /** `atomic = False` turns the migration's transaction off; Django's default is True. */
  atomic: boolean;
  /** `dependencies` on other apps' migrations (same-app ones are `downRevision`). */
  crossApp: DjangoRef[];
  /** `run_before`: migrations that must run after this one. */
  runBefore: DjangoRef[];
  /** `replaces`: the migrations (of any app) a squashed migration stands for. */
  replaces: DjangoRef[];
}
