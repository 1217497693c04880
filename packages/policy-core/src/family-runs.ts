import type { RepoView } from './repo.js';
import type { CheckContext, FamilyResult, RuleFamily, RuleFamilyId } from './rule.js';

/** The parts of a check's context a family can read, each compared by identity on the next check. */
const CONTEXT_KEYS = [
  'policy',
  'headPolicy',
  'change',
  'productionRecord',
  'productionDatabase',
  'databases',
  'now',
  'env',
  'sha256',
  'workspace',
] as const;
type ContextKey = (typeof CONTEXT_KEYS)[number];
// A family sees only the fields recorded here: a field added to CheckContext and not to this list
// would reach no family, so the type check fails until it is listed.
type Unrecorded = Exclude<keyof CheckContext, ContextKey | 'repo'>;
/** @internal */
export const EVERY_CONTEXT_FIELD_RECORDED: [Unrecorded] extends [never] ? true : never = true;

/** Everything one run of a family read: the edges of the dependency graph from it to its inputs. */
interface Reads {
  context: Map<ContextKey, unknown>;
  /** readFile answers by path (undefined: no such file). */
  files: Map<string, string | undefined>;
  unread: Map<string, string | undefined>;
  directories: Map<string, boolean>;
  /** linkTarget answers by path. */
  links: Map<string, string | undefined>;
  /** The file list, when the family asked for it (compared by identity: hosts cache it). */
  listed?: readonly string[];
  /** The git facts, when the family asked git anything. */
  git?: { facts: RepoView['git'] };
}

/**
 * What each rule family read on its last run, and what it found: the dependency graph from an
 * analysis to its inputs. A host that checks the same repository again and again (the language
 * server, on every keystroke) keeps one per repository and passes it to `runCheck`; a family
 * whose inputs are all as they were (the same file texts, the same file list, the same policy,
 * change and git facts, by identity) is not run again, its last result is used. So an edit of
 * the lock re-runs the dependency rules and the families that read the lock, not the
 * migrations'. A family that reads the clock (`now`) runs every time.
 */
export class FamilyRuns {
  private readonly last = new Map<RuleFamilyId, { reads: Reads; result: FamilyResult }>();
  /** How many times each family actually ran; a test's evidence of what an edit re-ran. */
  readonly runs = new Map<RuleFamilyId, number>();

  /** The family's findings: its last result when nothing it read has changed, else a new run. */
  check(family: RuleFamily, ctx: CheckContext): FamilyResult {
    const last = this.last.get(family.id);
    if (last && unchanged(last.reads, ctx)) return last.result;
    this.last.delete(family.id);
    const reads: Reads = {
      context: new Map(),
      files: new Map(),
      unread: new Map(),
      directories: new Map(),
      links: new Map(),
    };
    const result = family.check(recording(ctx, reads));
    this.runs.set(family.id, (this.runs.get(family.id) ?? 0) + 1);
    this.last.set(family.id, { reads, result });
    return result;
  }

  /** The files each family read on its last run (for the log and tests). */
  filesRead(id: RuleFamilyId): readonly string[] {
    return [...(this.last.get(id)?.reads.files.keys() ?? [])];
  }
}

function unchanged(reads: Reads, ctx: CheckContext): boolean {
  for (const [key, value] of reads.context) if (ctx[key] !== value) return false;
  const repo = ctx.repo;
  if (reads.listed && repo.listFiles() !== reads.listed) return false;
  if (reads.git && repo.git !== reads.git.facts) return false;
  for (const [path, text] of reads.files) if (repo.readFile(path) !== text) return false;
  for (const [path, why] of reads.unread) if (repo.whyUnread?.(path) !== why) return false;
  for (const [path, dir] of reads.directories) if (repo.isDirectory?.(path) !== dir) return false;
  for (const [path, target] of reads.links) if (repo.linkTarget?.(path) !== target) return false;
  return true;
}

/** The context as the family sees it, noting each thing it reads. */
function recording(ctx: CheckContext, reads: Reads): CheckContext {
  const inner = ctx.repo;
  const repo: RepoView = {
    listFiles() {
      const listed = inner.listFiles();
      reads.listed = listed;
      return listed;
    },
    readFile(path) {
      const text = inner.readFile(path);
      if (!reads.files.has(path)) reads.files.set(path, text);
      return text;
    },
    get git() {
      reads.git = { facts: inner.git };
      return inner.git;
    },
  };
  if (inner.whyUnread)
    repo.whyUnread = (path) => {
      const why = inner.whyUnread?.(path);
      reads.unread.set(path, why);
      return why;
    };
  if (inner.isDirectory)
    repo.isDirectory = (path) => {
      const dir = inner.isDirectory?.(path) ?? false;
      reads.directories.set(path, dir);
      return dir;
    };
  if (inner.linkTarget)
    repo.linkTarget = (path) => {
      const target = inner.linkTarget?.(path);
      reads.links.set(path, target);
      return target;
    };
  const seen = { repo } as CheckContext;
  for (const key of CONTEXT_KEYS)
    Object.defineProperty(seen, key, {
      enumerable: ctx[key] !== undefined,
      get() {
        reads.context.set(key, ctx[key]);
        return ctx[key];
      },
    });
  return seen;
}
