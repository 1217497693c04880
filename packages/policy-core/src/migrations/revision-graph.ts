import { inheritedLabels } from './inherited-labels.js';
import type { Range } from '../finding.js';
import { groupBy } from '../group-by.js';
import type { MigrationModule } from './alembic-module.js';
import { isDestructive, type SchemaOp } from './schema-op.js';
import { destructiveRule } from './destructive-rule.js';
import { findCycles, topologicalOrder } from './graph-order.js';

/** One revision of an Alembic tree. */
export interface RevisionNode {
  revision: string;
  /** Repo-relative path of the migration file. */
  file: string;
  /** `down_revision`: parents (two or more for a merge revision). */
  downRevisions: string[];
  dependsOn: string[];
  branchLabels: string[];
  /** What `upgrade()` does, in source order. */
  upgradeOps: SchemaOp[];
  module: MigrationModule;
}

/** A destructive operation on an upgrade path, as the database audit and stamp list them. */
export interface DestructiveOp {
  /** MIG001, MIG002, MIG003, MIG005 or MIG006. */
  rule: string;
  revision: string;
  file: string;
  /** 0-based line of the call (add 1 to print). */
  line: number;
  range: Range;
  /** e.g. `op.drop_table('users')` or `DROP TABLE users`. */
  description: string;
}

/** A revision id declared by more than one file; Alembic keeps one of them silently. */
export interface DuplicateRevision {
  revision: string;
  /** Every module declaring it, in path order; the graph keeps the first. */
  modules: MigrationModule[];
}

/** The graph's structure: it depends only on each file's path and revision variables. */
interface GraphShape {
  signature: string[];
  children: Map<string, string[]>;
  duplicates: { revision: string; paths: string[] }[];
  missing: { revision: string; parent: string; via: 'down_revision' | 'depends_on' }[];
  cycles: string[][];
  ancestorCache: Map<string, ReadonlySet<string>>;
  /** Each revision's inherited branch labels (inherited-labels.ts), filled as asked. */
  labelCache?: Map<string, ReadonlySet<string>>;
  headList?: string[];
}

const shapeKeys = new WeakMap<MigrationModule, string>();

/** What of a module the structure depends on (its body does not count). */
function shapeKey(m: MigrationModule): string {
  let key = shapeKeys.get(m);
  if (key === undefined) {
    const list = (l: { values: string[] } | undefined) => (l ? l.values.join(',') : '');
    key = `${m.path}\n${m.revision?.value ?? ''}\n${list(m.downRevision)}\n${list(m.dependsOn)}\n${list(m.branchLabels)}`;
    shapeKeys.set(m, key);
  }
  return key;
}

function makeNode(m: MigrationModule): RevisionNode {
  return {
    revision: m.revision?.value as string,
    file: m.path,
    downRevisions: m.downRevision?.values ?? [],
    dependsOn: m.dependsOn?.values ?? [],
    branchLabels: m.branchLabels?.values ?? [],
    upgradeOps: m.upgrade?.ops ?? [],
    module: m,
  };
}

function sameSignature(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The revision graph of one Alembic tree (one `migrations.alembic` entry). Built from modules
 * that declare a literal `revision`; problems (duplicates, missing parents, cycles) are kept as
 * facts for the MIG10x rules rather than thrown. Given the previous graph of the same tree, it
 * reuses its structure when only migration bodies changed (the usual edit), so re-analysis
 * after an edit does not re-walk the history.
 */
export class RevisionGraph {
  private readonly nodes: Map<string, RevisionNode> = new Map();
  private readonly modules: readonly MigrationModule[];
  private readonly shape: GraphShape;

  constructor(
    readonly root: string,
    modules: readonly MigrationModule[],
    previous?: RevisionGraph,
  ) {
    let sorted = true;
    for (let i = 1; i < modules.length && sorted; i++)
      sorted = (modules[i - 1] as MigrationModule).path <= (modules[i] as MigrationModule).path;
    this.modules = sorted
      ? modules
      : [...modules].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const signature = this.modules.map(shapeKey);
    if (previous && sameSignature(previous.shape.signature, signature)) {
      // Same files, same revision variables: copy the nodes and swap in the edited modules.
      this.shape = previous.shape;
      this.nodes = new Map(previous.nodes);
      for (let i = 0; i < this.modules.length; i++) {
        const m = this.modules[i] as MigrationModule;
        if (m === previous.modules[i] || !m.revision) continue;
        const node = this.nodes.get(m.revision.value);
        if (node?.file === m.path) this.nodes.set(m.revision.value, makeNode(m));
      }
      return;
    }
    for (const m of this.modules) {
      if (!m.revision || this.nodes.has(m.revision.value)) continue;
      this.nodes.set(m.revision.value, makeNode(m));
    }
    this.shape = this.computeShape(signature);
  }

  private computeShape(signature: string[]): GraphShape {
    const shape: GraphShape = {
      signature,
      children: new Map(),
      duplicates: [],
      missing: [],
      cycles: [],
      ancestorCache: new Map(),
    };
    const byRevision = groupBy(
      this.modules.filter((m) => m.revision),
      (m) => m.revision?.value as string,
    );
    for (const [revision, list] of byRevision)
      if (list.length > 1) shape.duplicates.push({ revision, paths: list.map((m) => m.path) });
    const labels = new Set<string>();
    for (const n of this.nodes.values()) for (const l of n.branchLabels) labels.add(l);
    for (const n of this.nodes.values()) {
      for (const p of n.downRevisions) {
        if (this.nodes.has(p)) {
          const kids = shape.children.get(p);
          if (kids) kids.push(n.revision);
          else shape.children.set(p, [n.revision]);
        } else shape.missing.push({ revision: n.revision, parent: p, via: 'down_revision' });
      }
      for (const d of n.dependsOn) {
        if (!this.nodes.has(d) && !labels.has(d))
          shape.missing.push({ revision: n.revision, parent: d, via: 'depends_on' });
      }
    }
    shape.cycles = findCycles(this.nodes);
    return shape;
  }

  /** Revision ids declared by more than one file; Alembic keeps one of them silently. */
  get duplicates(): DuplicateRevision[] {
    if (this.shape.duplicates.length === 0) return [];
    const byPath = new Map(this.modules.map((m) => [m.path, m]));
    return this.shape.duplicates.map((d) => ({
      revision: d.revision,
      modules: d.paths.map((p) => byPath.get(p)).filter((m) => m !== undefined),
    }));
  }

  /** Revisions (per node) named in down_revision or depends_on but declared nowhere in the tree. */
  get missingParents(): { node: RevisionNode; parent: string; via: 'down_revision' | 'depends_on' }[] {
    return this.shape.missing.map((m) => ({
      node: this.nodes.get(m.revision) as RevisionNode,
      parent: m.parent,
      via: m.via,
    }));
  }

  /** Each cycle as its revisions, in down_revision order. */
  get cycles(): readonly string[][] {
    return this.shape.cycles;
  }

  get size(): number {
    return this.nodes.size;
  }

  revisions(): IterableIterator<RevisionNode> {
    return this.nodes.values();
  }

  has(rev: string): boolean {
    return this.nodes.has(rev);
  }

  get(rev: string): RevisionNode | undefined {
    return this.nodes.get(rev);
  }

  fileOf(rev: string): string | undefined {
    return this.nodes.get(rev)?.file;
  }

  childrenOf(rev: string): readonly string[] {
    return this.shape.children.get(rev) ?? [];
  }

  /** Revisions no other revision names as down_revision (what `alembic heads` lists), sorted. */
  heads(): string[] {
    this.shape.headList ??= [...this.nodes.keys()].filter((r) => !this.shape.children.has(r)).sort();
    return this.shape.headList;
  }

  /** Revisions without a (known) parent. */
  bases(): string[] {
    return [...this.nodes.values()]
      .filter((n) => n.downRevisions.length === 0)
      .map((n) => n.revision)
      .sort();
  }

  /** Strict ancestors of `rev` through down_revision (empty for unknown revisions). */
  ancestorsOf(rev: string): ReadonlySet<string> {
    const cached = this.shape.ancestorCache.get(rev);
    if (cached) return cached;
    const out = new Set<string>();
    const stack = [...(this.nodes.get(rev)?.downRevisions ?? [])];
    while (stack.length) {
      const r = stack.pop() as string;
      if (out.has(r) || !this.nodes.has(r)) continue;
      out.add(r);
      for (const p of this.nodes.get(r)?.downRevisions ?? []) stack.push(p);
    }
    out.delete(rev);
    this.shape.ancestorCache.set(rev, out);
    return out;
  }

  /** Labels that apply to `rev`: its own branch_labels and those of its ancestors. */
  branchLabelsOf(rev: string): Set<string> {
    const own = (r: string) => this.nodes.get(r)?.branchLabels ?? [];
    const parents = (r: string) => (this.nodes.get(r)?.downRevisions ?? []).filter((p) => this.nodes.has(p));
    this.shape.labelCache ??= new Map();
    const inherited = inheritedLabels(rev, parents, own, this.shape.labelCache);
    // A cycle: the union over the ancestors, as walked with one.
    return new Set(inherited ?? [...own(rev), ...[...this.ancestorsOf(rev)].flatMap(own)]);
  }

  /**
   * Revisions `alembic upgrade` applies to go from `from` (a revision, several for a database
   * at several heads, or undefined for an empty database) to `to` (a revision or "heads"),
   * parents before children. Undefined when a named revision is not in this tree.
   */
  pathBetween(from: string | readonly string[] | undefined, to: string): string[] | undefined {
    const targets = to === 'heads' || (to === 'head' && this.heads().length === 1) ? this.heads() : [to];
    if (targets.some((t) => !this.nodes.has(t))) return undefined;
    const froms = from === undefined ? [] : typeof from === 'string' ? [from] : from;
    if (froms.some((f) => !this.nodes.has(f))) return undefined;
    const done = new Set<string>();
    for (const f of froms) {
      done.add(f);
      for (const a of this.ancestorsOf(f)) done.add(a);
    }
    const wanted = new Set<string>();
    for (const t of targets) {
      for (const r of [t, ...this.ancestorsOf(t)]) if (!done.has(r)) wanted.add(r);
    }
    return topologicalOrder(
      wanted,
      (r) => this.nodes.get(r)?.downRevisions ?? [],
      (r) => this.shape.children.get(r) ?? [],
    );
  }

  /** Destructive operations in the upgrades on the way from `from` to `to` (see pathBetween). */
  destructiveOpsBetween(from: string | readonly string[] | undefined, to: string): DestructiveOp[] {
    const out: DestructiveOp[] = [];
    for (const rev of this.pathBetween(from, to) ?? []) {
      const node = this.nodes.get(rev) as RevisionNode;
      for (const op of node.upgradeOps) {
        if (!isDestructive(op)) continue;
        out.push({
          rule: destructiveRule(op),
          revision: rev,
          file: node.file,
          line: op.range.start.line,
          range: op.range,
          description: op.label,
        });
      }
    }
    return out;
  }
}
