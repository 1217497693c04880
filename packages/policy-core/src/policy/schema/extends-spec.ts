import { pathOutsideRepo } from './repo-path.js';

/**
 * Where a policy's `extends:` points, read from its text:
 * - `policies/base.yaml`: a file of the same repository (at the same commit as the policy);
 * - `github:OWNER/REPO/PATH@SHA`: a file of a GitHub repository at a commit (the host turns it
 *   into a git URL: `https://github.com/OWNER/REPO.git`, or `$SLIPWAY_GITHUB_URL/OWNER/REPO.git`);
 * - `git+URL#PATH@SHA`: the same from any git URL (`git+file:///srv/policies.git#base.yaml@…`);
 * - `npm:NAME@VERSION/PATH#sha512-…`: a file of an npm package at an exact version, pinned by the
 *   tarball's integrity (what `npm view NAME@VERSION dist.integrity` prints).
 * A git base is pinned by a full commit SHA (40 hex, or 64 in a SHA-256 repository), an npm base
 * by its integrity; a tag, a branch or a bare version is unpinned, and the host refuses it unless
 * told otherwise (`--allow-unpinned`).
 */
export type ExtendsSpec =
  | { kind: 'local'; path: string }
  | { kind: 'git'; repository: GitRepository; path: string; ref: string; pinned: boolean }
  | { kind: 'npm'; name: string; version: string; path: string; integrity?: string; pinned: boolean };

/** A git repository as the spec names it; the host decides the URL of a GitHub one. */
export type GitRepository = { forge: 'github'; owner: string; name: string } | { url: string };

const GITHUB = /^github:([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)\/(.+)@([^@/\s]+)$/;
// Only the transports a policies repository is served over: no `ext::` command, no other helper.
const GIT = /^git\+((?:https|ssh|file):\/\/[^#\s]+)#(.+)@([^@/\s]+)$/;
/** A full commit SHA: 40 hex digits, or 64 in a SHA-256 repository. */
export const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** A ref git could name: starts with a letter, digit or `_`, and holds nothing git refuses in one. */
const REF_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const NPM =
  /^npm:((?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*)@(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\/([^#]+)(?:#(sha512-[A-Za-z0-9+/]+={0,2}))?$/;
const POLICY_FILE = /\.(ya?ml|toml)$/;

/** The spec, or why it is not one (a clause completing "`extends:` …"). */
export function parseExtendsSpec(text: string): ExtendsSpec | { problem: string } {
  if (text.startsWith('npm:')) {
    const npm = NPM.exec(text);
    if (!npm)
      return { problem: `\`${text}\` is not \`npm:NAME@VERSION/PATH#sha512-…\` with an exact version` };
    const bad = filePathProblem(npm[3] as string);
    if (bad) return { problem: bad };
    return {
      kind: 'npm',
      name: npm[1] as string,
      version: npm[2] as string,
      path: npm[3] as string,
      ...(npm[4] ? { integrity: npm[4] } : {}),
      pinned: npm[4] !== undefined,
    };
  }
  const gh = GITHUB.exec(text);
  if (text.startsWith('github:') && !gh)
    return { problem: `\`${text}\` is not \`github:OWNER/REPO/PATH@SHA\`` };
  const git = GIT.exec(text);
  if (text.startsWith('git+') && !git)
    return { problem: `\`${text}\` is not \`git+URL#PATH@SHA\` with an https://, ssh:// or file:// URL` };
  if (gh && (gh[1] === '..' || gh[2] === '..' || gh[1] === '.' || gh[2] === '.'))
    return { problem: `\`${text}\` names no GitHub repository` };
  if (gh || git) {
    const [path, ref] = gh ? [gh[3] as string, gh[4] as string] : [git?.[2] as string, git?.[3] as string];
    const repository: GitRepository = gh
      ? { forge: 'github', owner: gh[1] as string, name: gh[2] as string }
      : { url: git?.[1] as string };
    const bad = filePathProblem(path);
    if (bad) return { problem: bad };
    // A ref is handed to `git fetch`: one that reads as an option (`--upload-pack=…`) would run
    // a command. A commit SHA, a tag or a branch name never starts with `-` (check-ref-format).
    if (!REF_NAME.test(ref)) return { problem: `\`${ref}\` is not a commit SHA, tag or branch name` };
    return { kind: 'git', repository, path, ref, pinned: COMMIT_SHA.test(ref) };
  }
  if (/^[a-z][a-z0-9+.-]*:/.test(text))
    return {
      problem: `\`${text}\` names no known source; write a repository path, \`github:OWNER/REPO/PATH@SHA\` or \`git+URL#PATH@SHA\``,
    };
  const bad = filePathProblem(text);
  return bad ? { problem: bad } : { kind: 'local', path: text.replace(/^\.\//, '') };
}

function filePathProblem(path: string): string | undefined {
  const outside = pathOutsideRepo(path);
  if (outside) return outside;
  if (!POLICY_FILE.test(path)) return `\`${path}\` is not a policy file (.yaml, .yml or .toml)`;
  return undefined;
}

/** A base named relative to another base: a relative path is read beside it, in its repository and commit. */
export function relativeTo(spec: ExtendsSpec, from: ExtendsSpec | undefined): ExtendsSpec {
  if (spec.kind !== 'local' || !from) return spec;
  const dir = from.path.slice(0, from.path.lastIndexOf('/') + 1);
  // A path inside the repository, always from its root: `policies/base.yaml` from `policies/x.yaml`.
  const path = from.kind === 'local' ? spec.path : `${dir}${spec.path}`;
  return { ...from, path };
}

/** How a message names a base: the spec with a short SHA. */
export function describeSpec(spec: ExtendsSpec): string {
  if (spec.kind === 'npm') return `npm:${spec.name}@${spec.version}/${spec.path}`;
  if (spec.kind === 'local') return spec.path;
  const repo =
    'url' in spec.repository
      ? `git+${spec.repository.url}#`
      : `github:${spec.repository.owner}/${spec.repository.name}/`;
  return `${repo}${spec.path}@${spec.pinned ? spec.ref.slice(0, 12) : spec.ref}`;
}

/** The key a cycle is detected by: the same file of the same repository at the same ref. */
export function specKey(spec: ExtendsSpec): string {
  if (spec.kind === 'npm') return `npm:${spec.name}@${spec.version}/${spec.path}`;
  if (spec.kind !== 'git') return `local:${spec.path}`;
  const repo =
    'url' in spec.repository
      ? spec.repository.url
      : `github:${spec.repository.owner}/${spec.repository.name}`;
  return `git:${repo}#${spec.path}@${spec.ref}`;
}
