/**
 * Where git sends a push refspec that names a branch and no destination (`git push origin
 * auto/x`): not always a branch of the same name. builtin/push.c `refspec_append_mapped` maps
 * it, in this order, by the remote's `push` refspecs (`remote.<name>.push`), then, under
 * `push.default=upstream`, to the branch's single upstream (`branch.<name>.merge`). An agent
 * that set `branch.auto/x.merge=refs/heads/main` and `push.default=upstream` once sends every
 * later `git push origin auto/x` to main.
 */

/** The settings that decide it, as `git config --get-regexp` lists them (keys lower-cased). */
export interface PushSettings {
  /** `push.default` as written; undefined when unset. */
  pushDefault?: string;
  /** `branch.<name>.merge` values, by branch name. */
  merges: ReadonlyMap<string, readonly string[]>;
  /** Branches with a `branch.<name>.remote`: git reads a branch's merge values only then (remote.c set_merge). */
  withRemote: ReadonlySet<string>;
  /** `remote.<name>.push` values, by remote name. */
  remotePushes: ReadonlyMap<string, readonly string[]>;
}

/** Where `spec` goes when pushed to `remote`: a branch name, or undefined when it keeps its own. */
export function mappedPushBranch(
  settings: PushSettings,
  remote: string | undefined,
  spec: string,
): string | undefined {
  if (!namesOnlyABranch(spec) || spec === 'HEAD' || spec === '@') return undefined;
  const branch = spec.replace(/^(refs\/)?heads\//, '');
  const ref = `refs/heads/${branch}`;
  for (const push of remote === undefined ? [] : (settings.remotePushes.get(remote) ?? [])) {
    const dst = mapThrough(push, ref);
    if (dst !== undefined) return dst.replace(/^(refs\/)?heads\//, '');
  }
  const merges = settings.merges.get(branch) ?? [];
  if (followsUpstream(settings.pushDefault) && settings.withRemote.has(branch) && merges.length === 1) {
    const [merge] = merges as [string];
    return merge.replace(/^(refs\/)?heads\//, '');
  }
  return undefined;
}

/**
 * A refspec with a source and no destination (`auto/x`), which git's settings may map. git looks
 * the argument up among the local branches as written: `+auto/x` names none (the `+` is still on
 * it), so it goes by its own name.
 */
export function namesOnlyABranch(spec: string): boolean {
  return !spec.startsWith('+') && !/[:*]/.test(spec);
}

/** push.default sends a branch to its upstream (`tracking` is git's older name: push.c, PUSH_DEFAULT_UPSTREAM). */
export function followsUpstream(pushDefault: string | undefined): boolean {
  return pushDefault === 'upstream' || pushDefault === 'tracking';
}

/** `ref` through one push refspec (`src:dst`, `+src:dst`, one `*` on each side); undefined when it does not match. */
function mapThrough(refspec: string, ref: string): string | undefined {
  const plain = refspec.replace(/^\+/, '');
  if (plain.startsWith('^')) return undefined;
  const colon = plain.indexOf(':');
  const src = colon === -1 ? plain : plain.slice(0, colon);
  const dst = colon === -1 ? src : plain.slice(colon + 1);
  // The source is compared as written with the full ref (remote.c query_refspecs: `work:main`
  // maps nothing, `refs/heads/work:main` does); the destination is completed as git's push does.
  const full = (name: string) => (name.startsWith('refs/') ? name : `refs/heads/${name}`);
  const star = src.indexOf('*');
  // git refuses a refspec with a pattern on one side only ("invalid refspec"): nothing is pushed.
  if ((star === -1) !== !dst.includes('*')) return undefined;
  if (star === -1) return src === ref ? full(dst) : undefined;
  const [pre, post] = [src.slice(0, star), src.slice(star + 1)];
  if (!ref.startsWith(pre) || !ref.endsWith(post) || ref.length < pre.length + post.length) return undefined;
  const matched = ref.slice(pre.length, ref.length - post.length);
  return full(dst).replace('*', matched);
}
