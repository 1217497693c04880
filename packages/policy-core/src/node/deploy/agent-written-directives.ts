import {
  type AgentWrittenLines,
  agentSignal,
  type Commit,
  describeSignal,
  fileDirectives,
  lineKey,
  parseDeployRecord,
  type PolicyDocument,
  type RepoView,
} from '../../index.js';
import { META_ARGS, parseCommitLog } from '../git/commit-log.js';
import { blameLines } from '../git/blame-lines.js';
import { splitZ } from '../git/path-bytes.js';
import { runGit } from '../git/run-git.js';

/** Past this many ranges to ask about, a file is blamed whole (two arguments per range otherwise). */
const MAX_RANGES = 200;
/** How far below its target a comment's statement is followed (to the next blank line). */
const MAX_STATEMENT_LINES = 100;

export interface AgentWrittenOptions {
  root: string;
  /** The commit being shipped. */
  sha: string;
  /** The deploy record as the deploying checkout holds it: its last_good_sha bounds the search. */
  record?: string;
  /** The deploying checkout's policy: who is an agent. */
  policy: PolicyDocument;
  /** The shipped tree, as the guard reads it. */
  repo: RepoView;
}

/**
 * Which `slipway: allow` comments of the shipped tree an agent's commit wrote since production's
 * last good deploy, or whose statement an agent rewrote after a person wrote the comment, as
 * `git blame` attributes the lines (from the last good SHA up to the shipped one; every commit
 * when production has no record, or one whose SHA is not below the shipped one). The author,
 * committer and trailers of that commit are judged by the deploying checkout's policy, as a
 * change's are (agentSignal), with git's own identities, not `.mailmap`'s: the shipped tree must
 * not rename its agent. The policy file is left out: the guard applies the checkout's, whose
 * comments are the checkout's own.
 */
export async function agentWrittenDirectives(opts: AgentWrittenOptions): Promise<AgentWrittenLines> {
  const since = await lastGoodBelow(opts);
  const files = (await filesWithDirectives(opts.root, opts.sha, since)).filter((f) => f !== opts.policy.file);
  const asked: { file: string; directives: { line: number; target: number; end: number }[] }[] = [];
  for (const file of files) {
    const text = opts.repo.readFile(file);
    if (text === undefined) continue;
    const lines = text.split('\n');
    // git counts no line after a final newline; blame refuses a range past the last line.
    const last = lines.length - (text.endsWith('\n') ? 2 : 1);
    // The comments the suppression pass reads, as it reads them (SQL comments in a Python string too).
    const directives = fileDirectives(file, text).map(({ directive: d }) => {
      const target = Math.min(d.targetLine, last);
      return { line: d.range.start.line, target, end: statementEnd(lines, target, last) };
    });
    if (directives.length > 0) asked.push({ file, directives });
  }
  const out = new Map<string, string>();
  if (asked.length === 0) return out;
  const blamed = new Map<string, Map<number, string>>();
  for (const { file, directives } of asked)
    blamed.set(
      file,
      await blame(
        opts.root,
        opts.sha,
        since,
        file,
        directives.flatMap((d): [number, number][] => [
          [d.line, d.line],
          [d.target, d.end],
        ]),
      ),
    );
  const shas = new Set([...blamed.values()].flatMap((m) => [...m.values()]));
  const agents = await agentCommits(opts, since, [...shas]);
  const after = since
    ? `after ${since.slice(0, 12)}, the commit production runs`
    : 'and production has no recorded deploy to count from';
  for (const { file, directives } of asked) {
    const lines = blamed.get(file);
    for (const d of directives) {
      const comment = lines?.get(d.line);
      const byAgent = comment === undefined ? undefined : agents.get(comment);
      if (byAgent) {
        out.set(
          lineKey(file, d.line),
          `the \`slipway: allow\` comment at ${file}:${d.line + 1} was written by ${byAgent} ${after}: at promote an agent's own allow comment lifts nothing; have a person commit it, or fix the finding`,
        );
        continue;
      }
      // A person's comment allows what its author saw: the statement as it stood when the
      // comment was written (its target line down to the next blank line). An agent's rewrite of
      // any of those lines afterwards is not what the person allowed.
      for (let l = d.target; l <= d.end; l++) {
        const by = lines?.get(l);
        const rewrittenBy = by === undefined ? undefined : agents.get(by);
        if (!rewrittenBy || !by || (comment && (await isAncestor(opts.root, by, comment)))) continue;
        out.set(
          lineKey(file, d.line),
          `the statement the \`slipway: allow\` comment at ${file}:${d.line + 1} allows was rewritten by ${rewrittenBy} ${after}, after the comment was written (line ${l + 1}): at promote it lifts nothing; have a person commit the comment again over the new statement, or fix the finding`,
        );
        break;
      }
    }
  }
  return out;
}

/** The last line of the statement starting at `target`: the line before the next blank one. */
function statementEnd(lines: readonly string[], target: number, lastLine: number): number {
  let end = target;
  const last = Math.min(lastLine, target + MAX_STATEMENT_LINES - 1);
  while (end < last && (lines[end + 1] ?? '').trim() !== '') end++;
  return end;
}

/** Whether `a` is `b` or one of its ancestors (b's author had seen a's lines). */
async function isAncestor(root: string, a: string, b: string): Promise<boolean> {
  const r = await runGit(root, ['merge-base', '--is-ancestor', a, b], { okCodes: [1] });
  return r.code === 0;
}

/** The record's last good SHA when the shipped commit contains it; else undefined (blame it all). */
async function lastGoodBelow(opts: AgentWrittenOptions): Promise<string | undefined> {
  const last = opts.record === undefined ? undefined : parseDeployRecord(opts.record).record?.last_good_sha;
  if (!last) return undefined;
  // The commit production runs, shipped again: its own ancestor, without asking git.
  if (last === opts.sha) return last;
  try {
    const r = await runGit(opts.root, ['merge-base', '--is-ancestor', last, opts.sha], { okCodes: [1] });
    return r.code === 0 ? last : undefined;
  } catch {
    // A SHA this clone does not have: nothing is known to have run, so every line is asked about.
    return undefined;
  }
}

/**
 * Files of the shipped tree that mention `slipway:` (and changed since `since`, when given).
 * Binary files too: what git calls binary the guard may still read as text.
 */
async function filesWithDirectives(root: string, sha: string, since: string | undefined): Promise<string[]> {
  // Nothing changed since the commit production runs: no line was written after it.
  if (since === sha) return [];
  // The two questions are independent: asked of git at once.
  const [grep, diff] = await Promise.all([
    runGit(root, ['grep', '-z', '-l', '-F', '-e', 'slipway:', sha, '--'], { okCodes: [1] }),
    since === undefined
      ? undefined
      : runGit(root, [
          'diff',
          '--name-only',
          '-z',
          '--no-renames',
          '--no-ext-diff',
          '--no-textconv',
          since,
          sha,
          '--',
        ]),
  ]);
  const prefix = `${sha}:`;
  const found = splitZ(grep.stdout)
    .filter(Boolean)
    .map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
  if (diff === undefined) return found;
  const changed = new Set(splitZ(diff.stdout).filter(Boolean));
  return found.filter((f) => changed.has(f));
}

/**
 * The commit that wrote each of the given 0-based line ranges (inclusive) at `sha`, for lines
 * written after `since` (older ones are boundary lines: production ran them). A git failure is
 * the caller's (the guard fails): no line is handed to nobody.
 */
async function blame(
  root: string,
  sha: string,
  since: string | undefined,
  file: string,
  wanted: [number, number][],
): Promise<Map<number, string>> {
  const lines = await blameLines(root, file, {
    rev: since ? `${since}..${sha}` : sha,
    root: !since,
    ...(wanted.length > MAX_RANGES ? {} : { ranges: wanted }),
  });
  const out = new Map<number, string>();
  for (const [l, b] of lines ?? []) if (!b.boundary) out.set(l, b.sha);
  return out;
}

/** The given commits that are an agent's, by the deploying policy: SHA → "abc123 (why)". */
async function agentCommits(
  opts: AgentWrittenOptions,
  since: string | undefined,
  shas: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (shas.length === 0) return out;
  const r = await runGit(opts.root, [...META_ARGS, '--no-walk=unsorted', ...shas, '--']);
  for (const c of parseCommitLog(splitZ(r.stdout)) as Commit[]) {
    const signal = agentSignal(opts.policy, {
      base: since ?? '',
      head: opts.sha,
      files: [],
      commits: [{ ...c, firstParent: true }],
    });
    if (signal) out.set(c.sha, `${c.sha.slice(0, 12)} (${describeSignal(signal)})`);
  }
  return out;
}
