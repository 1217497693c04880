import { agentSignal, branchSignal, isBot } from '../agents/change-author.js';
import { PathMatcher } from '../paths/path-matcher.js';
import { dependencyPairs } from '../policy/dependency-pairs.js';
import type { PolicyDocument } from '../policy/document.js';
import { DEFAULT_PRODUCTION_BRANCH } from '../policy/policy-files.js';
import { CASE_BASE, DEFAULT_PERSON } from './case-change.js';
import { initParsersForCases } from './case-parsers.js';
import { caseVerdict } from './run-case.js';
import { renderTestFile } from './render-test-file.js';
import type { CaseChangeInput } from './test-file-schema.js';
import type { StarterCase } from './types.js';

interface Candidate {
  name: string;
  change: CaseChangeInput;
  /** The exit the case is written to prove; a candidate the policy judges otherwise is left out. */
  intent: 0 | 1;
}

/** At most this many protected patterns get a case of their own: a start, not a census. */
const MAX_PROTECTED = 3;

/**
 * Cases that pin what a policy blocks and lets through, derived from the policy (what `slipway
 * init` proposes, or any other): an agent's change to a protected path fails, a person's needs
 * the label and passes with it, an agent's change inside `agents.allowed` passes and one outside
 * fails, an agent's commit on the production branch fails, a dependency change needs its label, a
 * destructive SQL migration fails. `files` (the repository's) supplies real paths for each pattern.
 * Each candidate runs through the engine; one the policy does not judge as intended (a rule
 * turned off, a path both protected and allowed) is left out, and the findings each case got
 * become its expected findings, so the cases pass on the policy they came from and fail when a
 * later change to it moves their verdict.
 */
export async function starterCases(
  policy: PolicyDocument,
  options: { files?: readonly string[]; now?: Date } = {},
): Promise<StarterCase[]> {
  const candidates = starterCandidates(policy, options.files ?? []);
  await initParsersForCases(
    [policy],
    candidates.map((c) => c.change),
  );
  const kept: StarterCase[] = [];
  for (const c of candidates) {
    const verdict = caseVerdict(policy, c.change, options.now ? { now: options.now } : {});
    if (verdict.exit === c.intent) kept.push({ name: c.name, change: c.change, verdict });
  }
  return kept;
}

/** The starter test file's text for `policy` (see starterCases). */
export async function starterTestFile(
  policy: PolicyDocument,
  options: { files?: readonly string[]; now?: Date } = {},
): Promise<{ text: string; count: number }> {
  const cases = await starterCases(policy, options);
  return { text: renderTestFile(policy, cases), count: cases.length };
}

function starterCandidates(doc: PolicyDocument, files: readonly string[]): Candidate[] {
  const { policy } = doc;
  const agent = agentCommit(doc);
  const agentBranch = concreteBranch(doc, policy.agents?.branches ?? ['auto/*']);
  const personBranch = ['feature/starter', 'starter-change'].find((b) => branchSignal(doc, b) === undefined);
  const agentChange = (file: string): CaseChangeInput => ({
    ...(agentBranch ? { branch: agentBranch } : {}),
    ...agent,
    files: [file],
  });
  const personChange = (file: string, labels: string[] = []): CaseChangeInput => ({
    ...(personBranch ? { branch: personBranch } : {}),
    author: DEFAULT_PERSON,
    ...(labels.length ? { labels } : {}),
    files: [file],
  });
  const out: Candidate[] = [];
  const taken = new Set<string>([doc.file]);
  const pick = (pattern: string, skip: (p: string) => boolean = () => false) => {
    const path = samplePath(pattern, files, (p) => taken.has(p) || skip(p));
    if (path) taken.add(path);
    return path;
  };
  const prot = policy.protected;
  const protectedMatcher = new PathMatcher(prot?.paths ?? []);
  const allowedMatcher = policy.agents?.allowed ? new PathMatcher(policy.agents.allowed) : undefined;
  if (prot) {
    const samples = prot.paths
      .filter((p) => !p.startsWith('!'))
      .slice(0, MAX_PROTECTED)
      .map((p) => pick(p))
      .filter((p): p is string => p !== undefined);
    for (const path of samples)
      out.push({
        name: `an agent's change to ${path} (protected) fails`,
        change: agentChange(path),
        intent: 1,
      });
    const [first] = samples;
    if (first !== undefined) {
      out.push({
        name: `a person's change to ${first} fails without the ${prot.label} label`,
        change: personChange(first),
        intent: 1,
      });
      out.push({
        name: `a person's change to ${first} passes with the ${prot.label} label`,
        change: personChange(first, [prot.label]),
        intent: 0,
      });
    }
  }
  // The policy is policy surface (PATH004): an agent may not rewrite the rules it is judged by.
  out.push({ name: `an agent's change to ${doc.file} fails`, change: agentChange(doc.file), intent: 1 });
  if (allowedMatcher && policy.agents?.allowed) {
    const allowed = policy.agents.allowed
      .filter((p) => !p.startsWith('!'))
      .map((p) => pick(p, (q) => protectedMatcher.matches(q)))
      .find((p) => p !== undefined);
    if (allowed)
      out.push({
        name: `an agent's change to ${allowed} (agents.allowed) passes`,
        change: agentChange(allowed),
        intent: 0,
      });
    // Code reads as the plain case; a lock or a migration would bring its own rules in.
    const code = files.filter((f) => /\.(py|ts|js|go|rb|java|rs|php|cs|kt|swift)$/.test(f));
    const outside = [...code, ...files, 'src/starter.py', 'starter.txt'].find(
      (p) =>
        !taken.has(p) && !allowedMatcher.matches(p) && !protectedMatcher.matches(p) && !isPolicySurface(p),
    );
    if (outside) {
      taken.add(outside);
      out.push({
        name: `an agent's change to ${outside} (outside agents.allowed) fails`,
        change: agentChange(outside),
        intent: 1,
      });
    }
    if (allowed)
      out.push({
        name: `an agent's commit straight on ${policy.production_branch ?? DEFAULT_PRODUCTION_BRANCH} fails`,
        change: { branch: policy.production_branch ?? DEFAULT_PRODUCTION_BRANCH, ...agent, files: [allowed] },
        intent: 1,
      });
  }
  const [pair] = dependencyPairs(policy);
  if (pair) {
    const { requirements, label } = pair.pair;
    const labels = [label, ...(prot && protectedMatcher.matches(requirements) ? [prot.label] : [])];
    out.push({
      name: `a change to ${requirements} fails without the ${label} label`,
      change: personChange(requirements),
      intent: 1,
    });
    out.push({
      name: `a change to ${requirements} passes with the ${labels.join(' and ')} label${labels.length > 1 ? 's' : ''}`,
      change: personChange(requirements, labels),
      intent: 0,
    });
  }
  const sqlPattern = policy.migrations?.sql?.find((p) => !p.startsWith('!'));
  const migration = sqlPattern ? sqlSample(sqlPattern) : undefined;
  if (migration) {
    const labels = prot && protectedMatcher.matches(migration) ? [prot.label] : [];
    out.push({
      name: `a new migration that drops a table fails${labels.length ? `, even with the ${prot?.label} label` : ''}`,
      change: {
        ...(personBranch ? { branch: personBranch } : {}),
        author: DEFAULT_PERSON,
        ...(labels.length ? { labels } : {}),
        files: [{ added: migration, contents: "SET lock_timeout = '5s';\nDROP TABLE starter_archive;\n" }],
      },
      intent: 1,
    });
  }
  return out;
}

/** Policy files, CI workflows and agent instructions: PATH004's ground, not a plain "outside" path. */
function isPolicySurface(path: string): boolean {
  return /^(slipway\.|\.github\/|\.slipway\/)/.test(path) || /(^|\/)(AGENTS|CLAUDE)\.md$/.test(path);
}

/**
 * The commit that makes a change an agent's under this policy: its first `agents.identities`
 * entry made concrete, else Claude Code's trailer on a person's commit (a preset).
 */
function agentCommit(doc: PolicyDocument): Pick<CaseChangeInput, 'author' | 'commits'> {
  const candidates: Pick<CaseChangeInput, 'author' | 'commits'>[] = [];
  for (const pattern of doc.policy.agents?.identities ?? []) {
    const concrete = pattern.replace(/\*/g, 'agent');
    candidates.push({
      author: concrete.includes('@')
        ? `${concrete.split('@')[0]} <${concrete}>`
        : `${concrete} <agent@example.com>`,
    });
  }
  candidates.push({
    commits: [{ author: DEFAULT_PERSON, trailers: ['Co-authored-by: Claude <noreply@anthropic.com>'] }],
  });
  const fallback = candidates[candidates.length - 1] as Pick<CaseChangeInput, 'author' | 'commits'>;
  return candidates.find((c) => isAgents(doc, c)) ?? fallback;
}

function isAgents(doc: PolicyDocument, c: Pick<CaseChangeInput, 'author' | 'commits'>): boolean {
  const author = c.author ?? c.commits?.[0]?.author ?? DEFAULT_PERSON;
  const m = /^(.*?)\s*<(.*)>$/.exec(author);
  const person = { name: m?.[1] ?? author, email: m?.[2] ?? '' };
  const trailers = (c.commits?.[0]?.trailers ?? []).join('\n');
  const signal = agentSignal(doc, {
    base: CASE_BASE,
    head: CASE_BASE,
    files: [],
    commits: [
      {
        sha: CASE_BASE,
        parents: [],
        author: person,
        committer: person,
        subject: 'x',
        body: trailers,
        firstParent: true,
      },
    ],
  });
  return signal !== undefined && !isBot(signal);
}

/** An agent branch named by the first pattern that makes one (`auto/*` → `auto/starter`). */
function concreteBranch(doc: PolicyDocument, patterns: readonly string[]): string | undefined {
  const names = patterns.map((p) =>
    p.replace(/\*\*/g, 'starter').replace(/\*/g, 'starter').replace(/\?/g, 'x'),
  );
  return names.find((name) => branchSignal(doc, name) !== undefined);
}

/** A path the pattern matches: the repository's first such file, else one made from the pattern. */
function samplePath(
  pattern: string,
  files: readonly string[],
  skip: (p: string) => boolean,
): string | undefined {
  const matcher = new PathMatcher([pattern]);
  const real = files.find((f) => !skip(f) && matcher.matches(f));
  if (real) return real;
  let made = pattern
    .replace(/^\//, '')
    .replace(/\*\*\/?/g, '')
    .replace(/\*/g, 'starter')
    .replace(/\?/g, 'x');
  made = made.replace(/\[([^\]]*)\]/g, (_, cls: string) => cls.replace(/^[!^]/, '').charAt(0) || 'x');
  if (made === '' || made.endsWith('/')) made += 'starter.txt';
  return matcher.matches(made) && !skip(made) ? made : undefined;
}

/** A new migration's path under a `migrations.sql` pattern (`db/migrations/**\/*.sql`). */
function sqlSample(pattern: string): string | undefined {
  const matcher = new PathMatcher([pattern]);
  const made = pattern
    .replace(/^\//, '')
    .replace(/\*\*\//g, '')
    .replace(/\*\*$/g, '9999_starter.sql')
    .replace(/\*/g, '9999_starter');
  const path = made.endsWith('/') ? `${made}9999_starter.sql` : made;
  return matcher.matches(path) && path.endsWith('.sql') ? path : undefined;
}
