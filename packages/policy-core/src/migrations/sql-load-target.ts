/**
 * Where a revision's file read leads, as the revision's text says it, before the repository is
 * consulted: `Path(__file__).parent / "sql" / "seed.sql"` is the file `sql/seed.sql` beside the
 * revision, `importlib.resources.read_text("app.sql", "seed.sql")` a file of the package
 * `app.sql`. loaded-sql.ts turns a target into a repository path when the history is read.
 */
export type SqlLoadTarget =
  | SqlFileTarget
  /** A read in a loop over literal names (loop-bindings.ts): one file per element, in turn. */
  | { kind: 'each'; targets: SqlFileTarget[]; written: string }
  /** A file read whose path is not known without running the revision. */
  | { kind: 'unresolved'; reason: string; written: string };

/** One file a read leads to. */
export type SqlFileTarget =
  /** Path segments from the revision's own folder, from the working directory, or absolute. */
  | { kind: 'file'; from: 'module' | 'cwd' | 'absolute'; parts: string[]; written: string }
  /** A file of a Python package: `pkg` dotted, '' for the revision's own package (`__package__`). */
  | { kind: 'package'; pkg: string; parts: string[]; written: string };

/**
 * A path as far as it is known: segments from where it starts. `..` and `.` stay in the
 * segments until the path is resolved against the revision's folder (dirname is a `..`).
 */
export interface PathValue {
  from: 'module' | 'cwd' | 'absolute' | 'package';
  pkg?: string;
  parts: string[];
}

/** `a/b.sql` → its segments; `/x` starts again from the root, as os.path.join and `/` do. */
export function joinPath(base: PathValue, piece: string): PathValue {
  const parts = piece.split('/').filter((p) => p !== '' && p !== '.');
  if (piece.startsWith('/')) return { from: 'absolute', parts };
  return { ...base, parts: [...base.parts, ...parts] };
}

/** A literal path: absolute when it starts with `/`, otherwise from the working directory. */
export function literalPath(piece: string): PathValue {
  return joinPath({ from: 'cwd', parts: [] }, piece);
}

/** The path's folder: the segment `..`, resolved later (`a/b.sql/..` is `a`). */
export function parentOf(base: PathValue): PathValue {
  return { ...base, parts: [...base.parts, '..'] };
}

/** The target a resolved path value makes. */
export function targetOf(value: PathValue, written: string): SqlFileTarget {
  if (value.from === 'package') return { kind: 'package', pkg: value.pkg ?? '', parts: value.parts, written };
  return { kind: 'file', from: value.from, parts: value.parts, written };
}
