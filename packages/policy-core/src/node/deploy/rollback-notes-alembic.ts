import {
  iniSectionOf,
  MigrationAnalyzer,
  type Policy,
  type RepoView,
  type RevisionGraph,
  type RevisionNode,
} from '../../index.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

/** Most revisions listed one per line; the rest are counted. */
export const MAX_LISTED = 20;

const DEFAULT_TREE = 'alembic/versions';

/**
 * The Alembic folders the policy names, as `migrationSources` reads them: `migrations.alembic`,
 * or Alembic's usual folder when the section leaves the key out.
 */
export function alembicRoots(policy: Policy): string[] {
  const section = policy.migrations;
  if (!section) return [];
  const a = section.alembic;
  const roots = a === undefined ? [DEFAULT_TREE] : typeof a === 'string' ? [a] : a;
  return roots.map((r) => withoutTrailingSlashes(r.replace(/^\.?\//, '')));
}

/** What the revision's own file says about undoing it, when that is worth a warning. */
function downgradeFact(node: RevisionNode): string | undefined {
  const up = node.module.upgrade;
  const down = node.module.downgrade;
  // A merge revision's or an empty upgrade's empty downgrade undoes exactly what it did.
  if (!up || up.shape === 'empty') return undefined;
  if (!down) return 'no downgrade(): alembic cannot go below it';
  if (down.shape === 'empty') return 'downgrade() is empty: passing it changes nothing in the database';
  if (down.shape === 'irreversible' || down.shape === 'irreversible-without-reason')
    return 'downgrade() raises NotImplementedError: irreversible, the downgrade stops here';
  return undefined;
}

function revisionLine(node: RevisionNode, graph: RevisionGraph): string {
  const facts: string[] = [node.file];
  if (node.downRevisions.length > 1) facts.push(`merges ${node.downRevisions.join(', ')}`);
  const children = graph.childrenOf(node.revision);
  if (children.length > 1) facts.push(`branch point of ${children.join(', ')}`);
  const down = downgradeFact(node);
  if (down) facts.push(down);
  return `  ${node.revision}  ${facts.join('; ')}`;
}

/**
 * The command that runs the tree: `alembic -n <section>` when a named section of an alembic.ini
 * (not `[alembic]`) names it, as the current commit's files say.
 */
function alembicCommand(root: string, current: RepoView): string {
  const reader = {
    readFile: (p: string) => current.readFile(p),
    isDirectory: (p: string) => current.isDirectory?.(p) ?? false,
  };
  const named = iniSectionOf(root, current.listFiles(), reader);
  return named && named.section !== 'alembic' ? `alembic -n ${named.section}` : 'alembic';
}

/**
 * Where `alembic downgrade` has to take the database for the target's code, and when: the schema
 * goes first, with the current code, because the rollback redeploys code without these scripts.
 */
function downgradeLine(root: string, targetHeads: string[], short: string, alembic: string): string {
  const how =
    "the schema goes first: run it with the current code, before the rollback (the target's code has no scripts for these revisions)";
  if (targetHeads.length === 0)
    return `  to undo them: \`${alembic} downgrade base\` (${root} has no revisions at ${short}); ${how}`;
  if (targetHeads.length === 1)
    return `  to undo them: \`${alembic} downgrade ${targetHeads[0]}\` (the head at ${short}); ${how}`;
  return `  to undo them: the database must end at the ${targetHeads.length} heads ${short} has (${targetHeads.join(', ')}); downgrade each branch to its head by hand and check \`${alembic} heads\`/\`${alembic} current\`; ${how}`;
}

/**
 * Alembic revisions the current commit has and the target does not: the database stays at them
 * after an application rollback. Listed newest first (a revision after everything it depends
 * on), with the revision to downgrade to: the target's head.
 */
export function alembicNotes(
  roots: readonly string[],
  target: RepoView,
  current: RepoView,
  targetSha: string,
): string[] {
  if (roots.length === 0) return [];
  const short = targetSha.slice(0, 12);
  // One analyzer for both commits: it caches modules by path and text, so a migration both
  // commits share is parsed once.
  const analyzer = new MigrationAnalyzer();
  const sources = { alembic: roots, sqlFiles: [] };
  const before = analyzer.analyze(target, sources).trees.map((t) => t.graph);
  const after = analyzer.analyze(current, sources).trees.map((t) => t.graph);
  const notes: string[] = [];
  after.forEach((graph, i) => {
    const old = before[i] as RevisionGraph;
    const root = roots[i] as string;
    const added = [...graph.revisions()].filter((n) => !old.has(n.revision));
    if (added.length === 0) return;
    // Newest first: a revision has more ancestors than any revision it comes after.
    const depth = (n: RevisionNode) => graph.ancestorsOf(n.revision).size;
    added.sort((a, b) => depth(b) - depth(a) || (a.revision < b.revision ? -1 : 1));
    notes.push(
      `not undone: ${added.length} Alembic revision${added.length === 1 ? '' : 's'} in ${root} added since ${short} stay${added.length === 1 ? 's' : ''} applied to the database (an app rollback leaves it alone), newest first:`,
    );
    for (const node of added.slice(0, MAX_LISTED)) notes.push(revisionLine(node, graph));
    if (added.length > MAX_LISTED) notes.push(`  … and ${added.length - MAX_LISTED} more`);
    const heads = graph.heads();
    if (heads.length > 1)
      notes.push(`  the current tree has ${heads.length} heads (${heads.join(', ')}), not one`);
    notes.push(downgradeLine(root, old.heads(), short, alembicCommand(root, current)));
  });
  return notes;
}
