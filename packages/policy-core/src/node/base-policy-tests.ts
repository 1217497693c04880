import type { PolicyDocument } from '../policy/document.js';
import { type ExtendsSpec, parseExtendsSpec, relativeTo } from '../policy/schema/extends-spec.js';
import { testsBesidePolicy } from '../policy-tests/base-cases.js';
import type { BaseText } from '../policy/extends/resolve-extends.js';
import { type ExtendsHostOptions, nodeReadBase } from './extends/read-base.js';

/** One base's test file: its text, or why it could not be read; absent bases have none. */
export interface BaseTestFile {
  /** How messages name the base (`git+file:///…#base.yaml@1a2b3c4d5e6f`). */
  base: string;
  /** Where the cases are, as output names them: the base, then the test file's path in it. */
  path: string;
  text?: string;
  problem?: string;
}

/**
 * The test files of every base `policy` extends (its base, that base's base, …), each read
 * beside its base (testsBesidePolicy) through the reader that read the base: the repository for
 * a local base, the verified cache (fetching that one file of the pinned commit when the cache
 * lacks it) for a git base, the pinned tarball for an npm one. A base without one adds nothing.
 *
 * `remembered`: what a host that asks again and again (the editor, at every diagnostics pull)
 * keeps of the git and npm bases' test files, by their spec: those are read once (a git base's
 * missing test file would otherwise be fetched at every keystroke). A repository base's test file
 * is read every time: it is edited in the same workspace.
 */
export function baseTestFiles(
  policy: PolicyDocument,
  opts: ExtendsHostOptions,
  remembered?: Map<string, BaseText>,
): BaseTestFile[] {
  const read = nodeReadBase(opts);
  const out: BaseTestFile[] = [];
  // A base's own `extends:` names its base from where it stands (relativeTo), as resolveExtends reads it.
  let parent: ExtendsSpec | undefined;
  for (let from = policy.extended; from; from = from.base.extended) {
    const written = parseExtendsSpec(from.spec);
    if ('problem' in written) break;
    const spec = relativeTo(written, parent);
    parent = spec;
    const path = testsBesidePolicy(spec.path);
    const at = { ...spec, path };
    const key = JSON.stringify(at);
    let got = at.kind === 'local' ? undefined : remembered?.get(key);
    if (got === undefined) {
      got = read(at);
      if (at.kind !== 'local') remembered?.set(key, got);
    }
    const where = `${from.described}: ${path}`;
    if ('text' in got) out.push({ base: from.described, path: where, text: got.text });
    // Withheld (an untrusted workspace did not fetch it): its cases are not run, and the editor says why.
    else if ('withheld' in got) out.push({ base: from.described, path: where, problem: got.withheld });
    else if (!got.absent) out.push({ base: from.described, path: where, problem: got.problem });
  }
  return out;
}
