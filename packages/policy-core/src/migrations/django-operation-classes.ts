/** Operation classes Slipway reads; any other is code it cannot follow (MIG042). */
export const KNOWN_OPERATIONS = new Set([
  'CreateModel',
  'DeleteModel',
  'RenameModel',
  'AlterModelTable',
  'AlterModelTableComment',
  'AlterModelOptions',
  'AlterModelManagers',
  'AlterUniqueTogether',
  'AlterIndexTogether',
  'AlterOrderWithRespectTo',
  'AddField',
  'RemoveField',
  'AlterField',
  'RenameField',
  'AddIndex',
  'RemoveIndex',
  'RenameIndex',
  'AddConstraint',
  'RemoveConstraint',
  'AlterConstraint',
  'RunSQL',
  'RunPython',
  'SeparateDatabaseAndState',
  // django.contrib.postgres.operations
  'AddIndexConcurrently',
  'RemoveIndexConcurrently',
  'AddConstraintNotValid',
  'ValidateConstraint',
  'CreateExtension',
  'BloomExtension',
  'BtreeGinExtension',
  'BtreeGistExtension',
  'CITextExtension',
  'CryptoExtension',
  'HStoreExtension',
  'TrigramExtension',
  'UnaccentExtension',
  'CreateCollation',
  'RemoveCollation',
]);

/** `IgnoreMigration` imported from django-migration-linter (not a class of the project's own). */
const LINTER_IGNORE_IMPORT =
  /^from[ \t]+django_migration_linter(?:\.[A-Za-z_.]+)?[ \t]+import[ \t]+[^\n]*\bIgnoreMigration\b(?![ \t]+as\b)/m;

/**
 * django-migration-linter's marker, `IgnoreMigration()` in `operations`: it runs nothing (its
 * database_forwards is empty) and tells that tool to skip the migration. Not Slipway's to obey:
 * the migration's other operations are judged as ever, and the marker is no code to follow. Only
 * when the module imports it from django_migration_linter: a class of the project's own with the
 * same name may do anything.
 */
export function isLinterIgnoreMarker(name: string, src: string): boolean {
  return name === 'IgnoreMigration' && LINTER_IGNORE_IMPORT.test(src);
}
