// The shape of one row of the layout table (layouts.ts): a migration history or dependency layout
// Slipway recognises, how it is recognised, and which policy key judges it (none: not judged).

/** What a layout is: a migration history (COV001) or a dependency layout (COV002). */
export type LayoutKind = 'migrations' | 'dependencies';

/**
 * The policy keys whose reader judges files of a layout (judged-paths.ts says which files each
 * one covers). A layout whose reader lands names its key here and in its table entry.
 */
export type JudgingKey =
  | 'migrations.alembic'
  | 'migrations.django'
  | 'migrations.knex'
  | 'migrations.typeorm'
  | 'migrations.sequelize'
  | 'migrations.kysely'
  | 'migrations.mikro_orm'
  | 'migrations.sql'
  | 'dependencies';

/** What a path test may ask about the rest of the repository (its siblings), answered from the listing. */
export interface FileIndex {
  has(path: string): boolean;
  /** The folders (`a/b/`, `''` for the top) holding a file that `is` says yes to. */
  foldersWith(is: (path: string) => boolean): ReadonlySet<string>;
  /** Another file's text (a workspace's root manifest), undefined when it cannot be read or is over the sniff limit. */
  read(path: string): string | undefined;
}

export interface LayoutEntry {
  /** Stable id (JSON, SARIF): `django`. */
  id: string;
  /** What its files are, plural: "Django migrations". */
  name: string;
  /** One of them: "Django migration". */
  one: string;
  kind: LayoutKind;
  /** How it is recognised, in words: init's decisions and the rules' docs say it. */
  recognisedBy: string;
  /**
   * The endings its files can have (after the last dot of the name, lower case): the detector
   * asks the path test only about files ending so (unjudged-layouts.ts), and a path test that
   * takes another ending is caught by test/layouts/layout-extensions.test.ts.
   */
  extensions: readonly string[];
  /** Whether `path` may be one of its files, from the path (and its siblings) alone. */
  path(path: string, files: FileIndex): boolean;
  /**
   * When the path is not enough: whether the text says so (a bounded read, LIMITS.coverageSniff).
   * A file the path test takes but that cannot be read to tell is listed as seen, not read.
   */
  sniff?(text: string): boolean;
  /**
   * The policy key that judges its files when configured; absent: Slipway does not judge this
   * layout. To flip a layout to judged when its reader lands, name the key here.
   */
  judgedBy?: JudgingKey;
  /** What to do to have it judged (judged layouts) or, for the others, what a team can do now. */
  advice: string;
}

/** `path`'s last segment. */
export const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** The ending of `path`'s name after its last dot, lower case (`''` with no dot): what `extensions` lists. */
export function extensionOf(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash ? path.slice(dot + 1).toLowerCase() : '';
}

/** `path`'s folder with its trailing slash (`''` at the top). */
export const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);

/** Installed packages, never a project's own history or lock. */
export const VENDORED = /(^|\/)(node_modules|\.venv|venv|site-packages|vendor\/bundle)\//;
