import type { Finding } from '../../finding.js';
import { LIMITS } from '../../limits.js';
import { RULE_IDS } from '../../rule-ids.generated.js';
import type { ExtendedFrom, PolicyDocument } from '../document.js';
import { parsePolicyText } from '../parse.js';
import {
  describeSpec,
  type ExtendsSpec,
  parseExtendsSpec,
  relativeTo,
  specKey,
} from '../schema/extends-spec.js';
import { extendPolicy } from './merge-policy.js';

/**
 * A base's text, or why not; `absent` when the file is simply not there (the base's own test
 * cases, which a base need not have, are read through the same readers). `withheld`: the host may
 * not fetch it here (an untrusted workspace runs no git or npm and contacts no host), so the
 * policy is judged without that base, and whoever shows the result says so with this reason.
 */
export type BaseText =
  | { text: string; pinned?: ExtendedFrom['pinned'] }
  | { problem: string; absent?: true }
  | { withheld: string };

/** A base the host withheld (BaseText `withheld`): which one, and why, at the `extends:` that named the first of the chain. */
export interface WithheldBase {
  base: string;
  reason: string;
}

/** The host's reader of bases: a repository file, or a pinned git file through its verified cache. */
export type ReadBase = (spec: ExtendsSpec) => BaseText;

/**
 * The effective policy of `doc`: itself when it extends nothing, else merged over its base,
 * which is resolved the same way first (a chain of at most LIMITS.policy.extendsDepth bases, a
 * cycle refused). Anything wrong on the way (a base that cannot be read, does not parse or
 * forms a cycle) is one POL001 finding at `doc`'s `extends:` line, naming the base at fault.
 */
export function resolveExtends(
  doc: PolicyDocument,
  readBase: ReadBase,
): { document: PolicyDocument; findings: []; withheld?: WithheldBase } | { findings: Finding[] } {
  const resolved = resolve(doc, undefined, readBase, [{ key: `local:${doc.file}`, name: doc.file }]);
  if ('document' in resolved)
    return {
      document: resolved.document,
      findings: [],
      ...(resolved.withheld ? { withheld: resolved.withheld } : {}),
    };
  return {
    findings: [
      {
        rule: RULE_IDS.invalidPolicy,
        severity: 'error',
        message: `invalid policy: \`extends:\` ${resolved.problem}.`,
        file: doc.file,
        range: doc.locate(['extends']),
      },
    ],
  };
}

type Chain = { key: string; name: string }[];

function resolve(
  doc: PolicyDocument,
  from: ExtendsSpec | undefined,
  readBase: ReadBase,
  chain: Chain,
): { document: PolicyDocument; withheld?: WithheldBase } | { problem: string } {
  const written = doc.policy.extends;
  if (written === undefined) return { document: doc };
  const parsed = parseExtendsSpec(written);
  if ('problem' in parsed) return { problem: parsed.problem };
  const spec = relativeTo(parsed, from);
  const name = describeSpec(spec);
  const key = specKey(spec);
  if (chain.some((c) => c.key === key))
    return {
      problem: `forms a cycle: ${[...chain.map((c) => c.name), name].join(' extends ')}; remove one \`extends:\``,
    };
  if (chain.length > LIMITS.policy.extendsDepth)
    return {
      problem: `goes ${chain.length} bases deep at ${name}, more than the ${LIMITS.policy.extendsDepth} a policy may; flatten the chain`,
    };
  const got = readBase(spec);
  if ('problem' in got) return { problem: `${name}: ${got.problem}` };
  // Judged as if it extended nothing from here up: the bases below are withheld with it.
  if ('withheld' in got) return { document: doc, withheld: { base: name, reason: got.withheld } };
  const base = parsePolicyText(got.text, name);
  if (!base.document) {
    const first = base.findings[0];
    const at = first ? `${first.range.start.line + 1}:${first.range.start.character + 1}` : '1:1';
    const what = (first?.message ?? 'invalid').replace(/^invalid policy: /, '').replace(/\.$/, '');
    return {
      problem: `the base ${name} is invalid (line ${at}: ${what}); fix the base, or pin a commit where it is valid`,
    };
  }
  const baseEffective = resolve(base.document, spec, readBase, [...chain, { key, name }]);
  if ('problem' in baseEffective) return baseEffective;
  const merged = extendPolicy(doc, baseEffective.document, {
    spec: written,
    described: name,
    ...(got.pinned ? { pinned: got.pinned } : {}),
    ...(spec.kind === 'local' ? { localPath: spec.path } : {}),
  });
  return 'document' in merged && baseEffective.withheld
    ? { ...merged, withheld: baseEffective.withheld }
    : merged;
}
