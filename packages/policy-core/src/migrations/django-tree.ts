import type { RepoView } from '../repo.js';
import type { MigrationModule } from './alembic-module.js';
import { binaryPythonModule, isBinaryText, unusablePythonModule, unusableSource } from './binary-file.js';
import { djangoAppLabel, isDjangoMigrationFile } from './django-files.js';
import { FolderModules } from './folder-modules.js';
import { readDjangoModule } from './django-module.js';
import { DjangoState } from './django-state.js';
import { pastLimit, refusedPythonModule, refusedUnread } from './refused-file.js';
import { RevisionGraph } from './revision-graph.js';
import type { SchemaOp } from './schema-op.js';
import type { SqlResultStore } from './sql-result-store.js';

/** One Django app's migrations folder as the MIG rules read it (a MigrationTree of the analyzer). */
export interface DjangoTree {
  root: string;
  /** The app's label. */
  django: string;
  modules: MigrationModule[];
  graph: RevisionGraph;
  skipped: string[];
}

/** One file's facts: past a limit, unreadable or binary, one finding's worth (as moduleFacts). */
function djangoModuleFacts(path: string, text: string, app: string): MigrationModule {
  const refused = pastLimit(path, text, 'python');
  if (refused) return refusedPythonModule(path, text, refused);
  const unusable = unusableSource(text, 'python');
  if (unusable) return unusablePythonModule(path, text, unusable);
  return isBinaryText(text) ? binaryPythonModule(path, text) : readDjangoModule(path, text, app);
}

/**
 * Reads Django apps' migrations folders, caching each file by content: an edit re-reads one
 * file. The ops of every file are made again from the app's state (django-state.ts), a cheap
 * replay; a file whose ops come out the same keeps its earlier module object.
 */
export class DjangoTrees {
  private readonly files: FolderModules;
  private readonly resolved = new Map<string, { source: MigrationModule; value: MigrationModule }>();
  private readonly graphs = new Map<string, RevisionGraph>();

  /** `store`: modules kept between runs (the CLI's result cache). */
  constructor(store?: SqlResultStore) {
    this.files = new FolderModules(store);
  }

  /** One app's tree; its files go in `seen` (kept in the caches) and `filesRead` (checked). */
  tree(
    repo: RepoView,
    all: readonly string[],
    root: string,
    seen: Set<string>,
    filesRead: string[],
  ): DjangoTree {
    const app = djangoAppLabel(root);
    const { modules, skipped } = this.files.folder(
      repo,
      all,
      root,
      {
        kind: `django:${app}`,
        isMigrationFile: isDjangoMigrationFile,
        read: (path, text) => djangoModuleFacts(path, text, app),
        unread: (path, why) => refusedPythonModule(path, '', refusedUnread(why)),
      },
      seen,
      filesRead,
    );
    const state = new DjangoState(app);
    const judged = modules.map((m) => this.withOps(m, state));
    const graph = new RevisionGraph(root, graphModules(judged), this.graphs.get(root));
    this.graphs.set(root, graph);
    return { root, django: app, modules: judged, graph, skipped };
  }

  /**
   * The module with its operations' ops, the same object while it and the ops its state gives are
   * (so the rules' per-file findings, kept by module, stay): compared only when there is an earlier
   * value to keep, so a cold read pays for no comparison.
   */
  private withOps(m: MigrationModule, state: DjangoState): MigrationModule {
    const d = m.django;
    if (!d || !m.upgrade) return m;
    const ops = state.steps(d.operations, d.atomic);
    const hit = this.resolved.get(m.path);
    if (hit && hit.source === m && sameOps(hit.value.upgrade?.ops ?? [], ops)) return hit.value;
    const value: MigrationModule = {
      ...m,
      upgrade: { ...m.upgrade, shape: ops.length ? 'ops' : 'empty', ops },
    };
    this.resolved.set(m.path, { source: m, value });
    return value;
  }

  /** Forget files that are gone. */
  keep(seen: ReadonlySet<string>): void {
    this.files.keep(seen);
    for (const k of this.resolved.keys()) if (!seen.has(k)) this.resolved.delete(k);
  }
}

/** Ops made twice from the same operations: a RunSQL's are the read module's own objects. */
function sameOps(a: readonly SchemaOp[], b: readonly SchemaOp[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

/**
 * The graph Django's loader builds: a squashed migration stands for the ones it `replaces` when
 * they are present (their dependants depend on it instead), so the replaced ones are no second line.
 */
function graphModules(modules: readonly MigrationModule[]): MigrationModule[] {
  const replacedBy = new Map<string, string>();
  for (const m of modules) {
    const d = m.django;
    if (!d || !m.revision) continue;
    for (const r of d.replaces) if (r.app === d.app) replacedBy.set(r.name, m.revision.value);
  }
  if (replacedBy.size === 0) return [...modules];
  const out: MigrationModule[] = [];
  for (const m of modules) {
    if (m.revision && replacedBy.has(m.revision.value)) continue;
    const down = m.downRevision;
    if (!down?.values.some((v) => replacedBy.has(v))) {
      out.push(m);
      continue;
    }
    const values = [...new Set(down.values.map((v) => replacedBy.get(v) ?? v))].filter(
      (v) => v !== m.revision?.value,
    );
    out.push({ ...m, downRevision: { ...down, values } });
  }
  return out;
}
