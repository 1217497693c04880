import { type MigrationModule, readMigrationModule } from './alembic-module.js';
import { binaryPythonModule, isBinaryText, unusablePythonModule, unusableSource } from './binary-file.js';
import { pastLimit, refusedPythonModule } from './refused-file.js';

/**
 * Everything Slipway reads from one file of an Alembic version folder: past a limit, not text
 * or not decodable, it is one finding's worth of facts; otherwise the module as parsed
 * (readMigrationModule). Plain data: the analyzer keeps it, and a worker thread of the
 * migration pool sends it back as JSON (node/worker-pool/).
 */
export function moduleFacts(path: string, text: string): MigrationModule {
  const refused = pastLimit(path, text, 'python');
  if (refused) return refusedPythonModule(path, text, refused);
  const unusable = unusableSource(text, 'python');
  if (unusable) return unusablePythonModule(path, text, unusable);
  return isBinaryText(text) ? binaryPythonModule(path, text) : readMigrationModule(path, text);
}

/** The key an Alembic version file's module is stored under (SqlResultStore.getModule). */
export const alembicModuleKey = (path: string): string => `alembic:${path}`;
