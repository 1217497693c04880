import type { Range } from '../../finding.js';
import { RULE_IDS } from '../../rule-ids.generated.js';
import type { ExtendedFrom, PolicyDocument, PolicyPath } from '../document.js';
import { formatPath } from '../parse.js';
import { type Policy, policySchema } from '../schema/index.js';

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The documented merge of a repository's policy over its base, on the values as written (before
 * the schema's defaults, so that a key the repository leaves out keeps the base's value): tables
 * merge key by key, lists append (the base's entries first), any other value the repository
 * writes replaces the base's. `extends:` itself is not carried over. A repository cannot turn
 * POL006 down: its `rules.POL006` is ignored, the base's stands.
 */
export function mergePolicyValues(base: unknown, repo: unknown): unknown {
  const merged = mergeValues(base, repo) as Plain;
  delete merged.extends;
  const baseRules = isPlain(base) && isPlain(base.rules) ? base.rules : {};
  if (isPlain(merged.rules)) {
    const { [RULE_IDS.basePolicyLoosened]: _, ...rest } = merged.rules;
    const kept = baseRules[RULE_IDS.basePolicyLoosened];
    merged.rules = kept === undefined ? rest : { ...rest, [RULE_IDS.basePolicyLoosened]: kept };
  }
  return merged;
}

function mergeValues(base: unknown, repo: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(repo)) return [...base, ...repo];
  if (isPlain(base) && isPlain(repo)) {
    const out: Plain = { ...base };
    for (const [k, v] of Object.entries(repo)) out[k] = mergeValues(base[k], v);
    return out;
  }
  return repo;
}

/**
 * The repository's policy extended by `base`: the merged values validated by the policy schema,
 * with the repository's file, text and locations. A key the repository wrote is located where it
 * wrote it (a list entry at its own index); a key only the base has, at the `extends:` line that
 * brought it. A repository-local base joins the policy surface (PATH004), as the policy file is.
 */
export function extendPolicy(
  repo: PolicyDocument,
  base: PolicyDocument,
  from: Omit<ExtendedFrom, 'base' | 'own'> & { localPath?: string },
): { document: PolicyDocument } | { problem: string } {
  const merged = mergePolicyValues(base.input ?? {}, repo.input ?? {}) as Plain;
  if (from.localPath !== undefined) {
    const surface = isPlain(merged.policy_surface) ? merged.policy_surface : {};
    const extra = Array.isArray(surface.extra) ? surface.extra : [];
    merged.policy_surface = { ...surface, extra: [...extra, `/${from.localPath}`] };
  }
  const result = policySchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue?.path.filter((p): p is string | number => typeof p !== 'symbol') ?? [];
    return {
      problem: `the policy and its base ${from.described} do not combine: ${at.length ? `\`${formatPath(at)}\`: ` : ''}${issue?.message ?? 'invalid'}`,
    };
  }
  const { localPath: _, ...extended } = from;
  const locate = (path: PolicyPath, part: 'key' | 'value' = 'value'): Range => {
    const own = repoPathOf(path, base.input, repo.input);
    return own ? repo.locate(own, part) : repo.locate(['extends'], 'value');
  };
  return {
    document: {
      file: repo.file,
      text: repo.text,
      format: repo.format,
      policy: result.data as Policy,
      input: merged,
      locate,
      extended: { ...extended, base, own: repo },
    },
  };
}

/**
 * Whether the value at `path` of an effective policy came from its base, not from the repository's
 * own file (a shared base's pattern need not match in every repository that extends it: POL002).
 */
export function writtenByBase(doc: PolicyDocument, path: PolicyPath): boolean {
  if (!doc.extended) return false;
  const own = repoPathOf(path, doc.extended.base.input, doc.extended.own.input);
  return own === undefined || own.length < path.length;
}

/**
 * `path` in the merged values as a path in the repository's own values, or undefined when the
 * repository did not write it (a base key, or a base entry of a list: those come first).
 */
function repoPathOf(path: PolicyPath, base: unknown, repo: unknown): PolicyPath | undefined {
  const out: (string | number)[] = [];
  let b = base;
  let r = repo;
  for (const seg of path) {
    if (typeof seg === 'number') {
      const baseLength = Array.isArray(b) ? b.length : 0;
      if (seg < baseLength || !Array.isArray(r)) return undefined;
      out.push(seg - baseLength);
      b = undefined;
      r = r[seg - baseLength];
    } else {
      if (!isPlain(r) || !Object.hasOwn(r, seg)) return out.length ? out : undefined;
      out.push(seg);
      b = isPlain(b) ? b[seg] : undefined;
      r = r[seg];
    }
  }
  return out;
}
