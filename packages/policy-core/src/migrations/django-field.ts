import type { SyntaxNode } from '@lezer/common';
import { volatileDbDefault } from './django-db-default.js';
import { callArgs, calleeName, keywordBool, staticValue, str } from './python-syntax.js';
import type { StepFacts } from './schema-op.js';
import type { SqlType } from './sqlalchemy-type.js';

/**
 * A Django model field as a migration writes it (`models.CharField(max_length=64, null=True)`),
 * read as the column Django's PostgreSQL backend makes of it. Plain data: the history's state
 * (django-state.ts) keeps one per field to tell what an AlterField changes.
 */
export interface DjangoField {
  /** The field's class (`CharField`), or undefined when the value is not a call. */
  class?: string;
  /** The column's type as PostgreSQL knows it, when Django's mapping of the class is known. */
  type?: SqlType;
  /** `null=True`; Django's default is NOT NULL. */
  null: boolean;
  /**
   * `default=` or `db_default=` other than None: Django fills existing rows when it adds the column.
   * Django's own `has_default()` (and `db_default`), not the default it makes up for a field without
   * one: that is `impliedDefault`.
   */
  hasDefault: boolean;
  /**
   * The default Django's schema editor gives a field written without `default=` (or `db_default=`),
   * `_effective_default` in django/db/backends/base/schema.py: '' (b'' for a BinaryField) for a
   * `blank=True` NOT NULL field whose class allows empty strings (`empty_strings_allowed`), else
   * the time for `auto_now` / `auto_now_add`. `add_field` adds the column with it, which fills the
   * existing rows, then drops it ("Drop the default if we need to"). `unknown class`: the field
   * asks for one (blank=True, auto_now) but its class is none Slipway knows, so whether Django
   * gives it one is not known.
   */
  impliedDefault?: 'empty string' | 'now' | 'unknown class';
  /**
   * `default=` (not None) without a `db_default=`, or an `impliedDefault` ('' or the time): Django
   * fills the existing rows with it and then drops the column's default (`add_field`: "Drop the
   * default if we need to", whenever `effective_default` is not None), so the database keeps none.
   */
  defaultDropped: boolean;
  /** The volatile SQL function a `db_default=` calls (`gen_random_uuid`): one value per row. */
  dbDefaultVolatile?: string;
  /** `db_column=`: the column's name when it is not the field's. */
  dbColumn?: string;
  /** ForeignKey / OneToOneField: the column is `<name>_id`, a foreign key, indexed by default. */
  relation?: 'foreign_key' | 'many_to_many';
  /** The related model as written (`'auth.User'`, `settings.AUTH_USER_MODEL` is undefined). */
  to?: string;
  unique: boolean;
  primaryKey: boolean;
  /** An index Django builds for the column (db_index=True; a foreign key or a SlugField unless db_index=False). */
  indexed: boolean;
  /** AutoField & co: filled from a sequence. */
  serial: boolean;
  /** `db_table=` of a ManyToManyField: its join table's name. */
  dbTable?: string;
  /** GeneratedField(db_persist=True): a STORED generated column, computed by the database for every row. */
  generatedStored?: true;
  /** A many-to-many through a model of its own (`through=`, taggit's TaggableManager): no table of its own. */
  through?: true;
}

/**
 * Adding (removing) a many-to-many: Django makes (drops) the join table only when it made it
 * (base/schema.py `add_field`, `remove_field`); through a model of its own, nothing (no column either).
 */
export function manyToManySteps(
  f: DjangoField,
  table: string | undefined,
  field: string | undefined,
  kind: 'create_table' | 'drop_table',
): StepFacts[] {
  return [f.through ? { kind: 'other', table } : { kind, table: f.dbTable ?? `${table}_${field}` }];
}

const SIMPLE: Record<string, string> = {
  TextField: 'text',
  IntegerField: 'integer',
  PositiveIntegerField: 'integer',
  BigIntegerField: 'bigint',
  PositiveBigIntegerField: 'bigint',
  SmallIntegerField: 'smallint',
  PositiveSmallIntegerField: 'smallint',
  BooleanField: 'boolean',
  NullBooleanField: 'boolean',
  DateField: 'date',
  DateTimeField: 'timestamptz',
  TimeField: 'time',
  DurationField: 'interval',
  FloatField: 'double precision',
  UUIDField: 'uuid',
  JSONField: 'jsonb',
  BinaryField: 'bytea',
  GenericIPAddressField: 'inet',
  IPAddressField: 'inet',
  AutoField: 'integer',
  BigAutoField: 'bigint',
  SmallAutoField: 'smallint',
  HStoreField: 'hstore',
  CICharField: 'citext',
  CIEmailField: 'citext',
  CITextField: 'citext',
};

/** Fields stored as varchar(max_length) and their default lengths. */
const VARCHAR: Record<string, number | undefined> = {
  CharField: undefined,
  EmailField: 254,
  SlugField: 50,
  URLField: 200,
  FileField: 100,
  ImageField: 100,
  FilePathField: 100,
};

const SERIAL = new Set(['AutoField', 'BigAutoField', 'SmallAutoField']);

/**
 * Field classes by `empty_strings_allowed`, as Django 3.2 sets it: True on `Field`
 * (django/db/models/fields/__init__.py), so on CharField and its subclasses (EmailField, SlugField,
 * URLField; contrib/postgres/fields/citext.py's CI fields), TextField, BinaryField, FilePathField
 * and FileField / ImageField (fields/files.py); False on BooleanField (and NullBooleanField),
 * DateField, DateTimeField, TimeField, DecimalField, DurationField, FloatField, IntegerField (and
 * its subclasses, the AutoFields among them), IPAddressField, GenericIPAddressField, UUIDField
 * (__init__.py), ForeignObject (related.py: ForeignKey, OneToOneField), JSONField (json.py) and
 * contrib.postgres's HStoreField, ArrayField and RangeField (hstore.py, array.py, ranges.py).
 * test/migrations/django-effective-default-oracle.test.ts holds each to Django's own answer.
 */
export const EMPTY_STRINGS_ALLOWED: ReadonlySet<string> = new Set([
  'CharField',
  'EmailField',
  'SlugField',
  'URLField',
  'FileField',
  'ImageField',
  'FilePathField',
  'TextField',
  'BinaryField',
  'CICharField',
  'CIEmailField',
  'CITextField',
]);
export const EMPTY_STRINGS_REFUSED: ReadonlySet<string> = new Set([
  'BooleanField',
  'NullBooleanField',
  'DateField',
  'DateTimeField',
  'TimeField',
  'DecimalField',
  'DurationField',
  'FloatField',
  'IntegerField',
  'PositiveIntegerField',
  'BigIntegerField',
  'PositiveBigIntegerField',
  'SmallIntegerField',
  'PositiveSmallIntegerField',
  'AutoField',
  'BigAutoField',
  'SmallAutoField',
  'IPAddressField',
  'GenericIPAddressField',
  'UUIDField',
  'ForeignKey',
  'OneToOneField',
  'JSONField',
  'HStoreField',
  'ArrayField',
  'IntegerRangeField',
  'BigIntegerRangeField',
  'DecimalRangeField',
  'DateTimeRangeField',
  'DateRangeField',
]);
/** The classes that take `auto_now` / `auto_now_add` (DateField, DateTimeField, TimeField `__init__`). */
const AUTO_NOW = new Set(['DateField', 'DateTimeField', 'TimeField']);

/** Reads one field expression; `undefined` when it is no call (a variable, say). */
export function readDjangoField(node: SyntaxNode | undefined, src: string): DjangoField | undefined {
  if (node?.name !== 'CallExpression') return undefined;
  const cls = calleeName(node, src);
  const args = callArgs(node, src);
  const num = (name: string) => {
    const n = args.keywords.get(name);
    const v = n ? staticValue(n, src) : undefined;
    return typeof v === 'number' ? v : undefined;
  };
  const relation =
    cls === 'ForeignKey' || cls === 'OneToOneField'
      ? 'foreign_key'
      : cls === 'ManyToManyField' || cls === 'TaggableManager'
        ? 'many_to_many'
        : undefined;
  const type = cls === undefined ? undefined : fieldType(cls, num);
  const dbIndex = keywordBool(args, 'db_index', src);
  const to = str(args.positional[0] ?? args.keywords.get('to'), src);
  // `default=None` makes Django write no DEFAULT, and `db_default=None` is DEFAULT NULL: neither
  // fills the rows a NOT NULL column needs.
  const givesDefault = (name: string) => {
    const node = args.keywords.get(name);
    return node !== undefined && src.slice(node.from, node.to).trim() !== 'None';
  };
  // NullBooleanField forces null=True (and blank=True) in its `__init__`, whatever it is given.
  const isNull = keywordBool(args, 'null', src) === true || cls === 'NullBooleanField';
  const field: DjangoField = {
    class: cls,
    null: isNull,
    hasDefault: givesDefault('default') || givesDefault('db_default'),
    defaultDropped: givesDefault('default') && !givesDefault('db_default'),
    unique: keywordBool(args, 'unique', src) === true || cls === 'OneToOneField',
    primaryKey: keywordBool(args, 'primary_key', src) === true,
    // Django's defaults: a ForeignKey and a SlugField are db_index=True unless told otherwise.
    indexed: dbIndex === true || ((relation === 'foreign_key' || cls === 'SlugField') && dbIndex !== false),
    serial: cls !== undefined && SERIAL.has(cls),
  };
  // `_effective_default` asks `has_default()` first: any `default=` (None included) is the default,
  // and a `db_default=` is what Django 5.0's `column_sql` writes instead.
  if (!args.keywords.has('default') && !args.keywords.has('db_default')) {
    const implied = impliedDefault(
      cls,
      isNull,
      keywordBool(args, 'blank', src) === true,
      keywordBool(args, 'auto_now', src) === true || keywordBool(args, 'auto_now_add', src) === true,
    );
    if (implied !== undefined) field.impliedDefault = implied;
    if (implied === 'empty string' || implied === 'now') field.defaultDropped = true;
  }
  if (type) field.type = type;
  if (relation) field.relation = relation;
  if (to !== undefined) field.to = to;
  const dbDefault = args.keywords.get('db_default');
  const volatile = dbDefault ? volatileDbDefault(dbDefault, src) : undefined;
  if (volatile !== undefined) field.dbDefaultVolatile = volatile;
  const dbColumn = str(args.keywords.get('db_column'), src);
  if (dbColumn !== undefined) field.dbColumn = dbColumn;
  const dbTable = str(args.keywords.get('db_table'), src);
  if (dbTable !== undefined) field.dbTable = dbTable;
  // GeneratedField: the database computes every row's value, so NOT NULL needs no default; stored,
  // PostgreSQL rewrites the table to fill it (ALTER TABLE's Notes: "a stored generated column").
  if (cls === 'GeneratedField') {
    field.hasDefault = true;
    if (keywordBool(args, 'db_persist', src) === true) field.generatedStored = true;
  }
  // taggit's TaggableManager is a many-to-many through its TaggedItem (or `through=`), never a
  // table Django makes, and forces null=True (jazzband/django-taggit taggit/managers.py).
  if (relation === 'many_to_many' && (cls === 'TaggableManager' || args.keywords.has('through'))) {
    field.through = true;
    field.null = true;
  }
  return field;
}

/**
 * `_effective_default`'s branches after `has_default()`, in its order: `not field.null and
 * field.blank and field.empty_strings_allowed` gives '', then `auto_now` / `auto_now_add` the time
 * (whatever `null` says). A class in neither list of `empty_strings_allowed` is not assumed either way.
 */
function impliedDefault(
  cls: string | undefined,
  isNull: boolean,
  blank: boolean,
  autoNow: boolean,
): DjangoField['impliedDefault'] {
  const known = cls !== undefined && (EMPTY_STRINGS_ALLOWED.has(cls) || EMPTY_STRINGS_REFUSED.has(cls));
  if (!isNull && blank) {
    if (!known) return 'unknown class';
    if (EMPTY_STRINGS_ALLOWED.has(cls as string)) return 'empty string';
  }
  if (autoNow) {
    if (!known) return 'unknown class';
    if (AUTO_NOW.has(cls as string)) return 'now';
  }
  return undefined;
}

/** Django adds the column with a default that fills its rows: `default=`, `db_default=` or an implied one. */
export function addedWithDefault(field: DjangoField): boolean {
  return field.hasDefault || field.impliedDefault === 'empty string' || field.impliedDefault === 'now';
}

function fieldType(cls: string, num: (name: string) => number | undefined): SqlType | undefined {
  if (cls in VARCHAR) {
    const length = num('max_length') ?? VARCHAR[cls];
    return length === undefined ? { base: 'varchar' } : { base: 'varchar', length };
  }
  if (cls === 'DecimalField') {
    const precision = num('max_digits');
    return precision === undefined
      ? { base: 'numeric' }
      : { base: 'numeric', precision, scale: num('decimal_places') ?? 0 };
  }
  const simple = SIMPLE[cls];
  return simple ? { base: simple } : undefined;
}

/** The column a field is stored in: `db_column`, else the name (`_id` after it for a foreign key). */
export function djangoColumn(name: string, field: DjangoField | undefined): string {
  if (field?.dbColumn !== undefined) return field.dbColumn;
  return field?.relation === 'foreign_key' ? `${name}_id` : name;
}
