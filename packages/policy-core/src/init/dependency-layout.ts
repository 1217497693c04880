import { readTomlLockEntries } from '../requirements/lock-file.js';
import { detectLockFormat } from '../requirements/dependency-file-names.js';
import { pinOf } from '../requirements/pin.js';
import type { RequirementEntry } from '../requirements/requirements-entries.js';
import { parseRequirementsFile } from '../requirements/requirements-file.js';
import { compiledOutputs, mayBeCompiled } from './compiled-outputs.js';
import type { LayoutReader } from './layout-reader.js';
import { basename, dirnameSlash, joinRepoPath } from '../repo-paths.js';
import { uvWorkspaceMembers } from './uv-workspace.js';
import { detectNpm } from './npm-layout.js';
import type { DetectedPair } from './detected-pair.js';
import { RULE_IDS } from '../rule-ids.generated.js';

export type { DetectedPair } from './detected-pair.js';

export interface DependencyLayout {
  pairs: DetectedPair[];
  /** One line per decision, in file order: what was paired, with what and why, or why not. */
  decisions: string[];
}

/**
 * Locks a requirements-style input may be compiled to, beside it, best first. A `.in` file is
 * pip-tools' input: its output is the `.txt` (or uv's `.pip`) of the same name. A `.txt` file is
 * plain requirements: its lock is named after it.
 */
function namedLocks(input: string): string[] {
  const dir = dirnameSlash(input);
  const base = basename(input);
  if (base.endsWith('.in')) {
    const stem = base.slice(0, -'.in'.length);
    return [`${stem}.txt`, `${stem}.pip`, `${stem}_lock.txt`, `${stem}-lock.txt`].map((n) => dir + n);
  }
  const stem = base.replace(/\.txt$/, '');
  return [`${stem}.lock`, `${stem}.txt.lock`, `${stem}-lock.txt`, `${stem}_lock.txt`, `${stem}.lock.txt`].map(
    (n) => dir + n,
  );
}

/** A plain requirements file: `requirements*.txt` anywhere, or any `.txt` in a `requirements/` folder. */
function isRequirementsTxt(path: string): boolean {
  const base = basename(path);
  if (!base.endsWith('.txt')) return false;
  return base.startsWith('requirements') || /(^|\/)requirements\/[^/]+$/.test(path);
}

/**
 * A `.in` file that may be pip-tools' input. `.in` is also autoconf's and many build tools'
 * template suffix (`Info.plist.in`, `installer.iss.in`, `.coveragerc.in`) and setuptools'
 * `MANIFEST.in`: a template of another file keeps that file's own name before `.in`.
 */
function isPipToolsInput(path: string): boolean {
  const base = basename(path);
  if (!base.endsWith('.in') || base === 'MANIFEST.in') return false;
  const stem = base.slice(0, -'.in'.length);
  if (/req|constraint/i.test(stem)) return true;
  return stem !== '' && !stem.startsWith('.') && !stem.includes('.');
}

/** Folders tools and virtual environments fill with other projects' files. */
const VENDORED = /(^|\/)(node_modules|\.venv|venv|\.tox|site-packages|\.git)\//;

/**
 * Pairs requirements files with the locks that exist beside them: pip-tools (`x.in` → `x.txt`,
 * superset: the output adds transitive pins), plain requirements with a requirements-style lock
 * (mirror unless the lock holds more packages than the requirements), and a requirements file
 * beside `uv.lock` or `poetry.lock` (superset: those locks resolve everything), and the
 * `pyproject.toml` beside `uv.lock` or `poetry.lock` (and each uv workspace member's) with that
 * lock. A lock that does not exist is never named.
 */
export function detectDependencies(files: readonly string[], reader: LayoutReader): DependencyLayout {
  const present = new Set(files.filter((f) => !VENDORED.test(f)));
  const inputs = [...present].filter((f) => isPipToolsInput(f) || isRequirementsTxt(f)).sort();
  const pairs: DetectedPair[] = [];
  const decisions: string[] = [];
  // A pip-tools output is a lock, never an input of its own.
  const usedAsLock = new Set<string>();
  // Locks already named in a decision (paired, or passed over for a better one).
  const explained = new Set<string>();
  for (const input of inputs.filter((f) => f.endsWith('.in')))
    for (const lock of namedLocks(input)) if (present.has(lock)) usedAsLock.add(lock);
  // Compiled locks not named after their input, found by their header and `# via -r` comments.
  // An output already named after an input is that input's: its vias also name the input's includes.
  const inDirs = new Set(inputs.filter((f) => f.endsWith('.in')).map(dirnameSlash));
  const compiled = compiledOutputs(
    [...present].filter(
      (f) => mayBeCompiled(f) && !usedAsLock.has(f) && (isRequirementsTxt(f) || inDirs.has(dirnameSlash(f))),
    ),
    present,
    reader,
  );
  for (const outputs of compiled.values()) for (const o of outputs) usedAsLock.add(o);

  for (const input of inputs) {
    if (usedAsLock.has(input)) continue;
    const dir = dirnameSlash(input);
    const named = namedLocks(input).filter((l) => present.has(l));
    const viaHeader = compiled.get(input) ?? [];
    const toml = [`${dir}uv.lock`, `${dir}poetry.lock`].filter((l) => present.has(l));
    const candidates = [...new Set([...named, ...viaHeader, ...toml])];
    // An input whose lock says it was compiled from it is pip-tools' input, whatever its name.
    const isIn = input.endsWith('.in') || viaHeader.includes(candidates[0] as string);
    if (candidates.length === 0) {
      decisions.push(
        isIn
          ? `${input}: no compiled lock beside it (looked for ${basename(namedLocks(input)[0] ?? '')}); not paired, an include or constraint of another input`
          : `${input}: no lock beside it (looked for ${namedLocks(input).map(basename).join(', ')}, uv.lock, poetry.lock); not paired`,
      );
      continue;
    }
    const lock = candidates[0] as string;
    for (const c of candidates) explained.add(c);
    const format = detectLockFormat(lock);
    const layout: DetectedPair['layout'] =
      format === 'uv' ? 'uv' : format === 'poetry' ? 'poetry' : isIn ? 'pip-tools' : 'requirements';
    const requirements = withIncludes(input, reader);
    const unpinned = requirements.filter((r) => !pinOf(r)).length;
    const mode = layout === 'requirements' ? modeOfPlainLock(requirements, lock, reader) : 'superset';
    pairs.push({ requirements: input, lock, mode, layout, unpinned });
    let why =
      layout === 'pip-tools'
        ? `pip-tools layout, mode superset (the compiled lock adds transitive pins)${named.includes(lock) ? '' : `; its header and \`# via -r\` comments name ${input}`}`
        : layout === 'requirements'
          ? mode === 'mirror'
            ? 'requirements and their lock, mode mirror (the lock names exactly the requirements)'
            : 'requirements and their lock, mode superset (the lock pins more packages than the requirements name)'
          : `${layout} lock beside the requirements, mode superset (${layout} locks every transitive package)`;
    if (candidates.length > 1)
      why += `; chose it over ${candidates.slice(1).join(', ')} because ${
        named.includes(lock)
          ? 'it is named after the input, so it is the one compiled from it'
          : viaHeader.includes(lock)
            ? 'it is the first, by name, whose pip-compile/uv header and `# via -r` comments name this input'
            : 'uv.lock comes before poetry.lock when both exist'
      }`;
    decisions.push(`${input} → ${lock}: ${why}`);
  }

  // A requirements file compiled from a pyproject.toml (its pip-compile/uv header says so): the
  // project's declared ranges must hold the compiled pins.
  for (const [pyproject, outputs] of [...compiled].filter(
    ([input]) => basename(input) === 'pyproject.toml',
  )) {
    const lock = outputs[0] as string;
    pairs.push({ requirements: pyproject, lock, mode: 'superset', layout: 'pip-tools', unpinned: 0 });
    decisions.push(
      `${pyproject} → ${lock}: compiled from it (the lock's pip-compile/uv header and \`# via\` comments name it), mode superset (the compiled lock adds transitive pins); its declared dependencies must be pinned in the lock inside their ranges (${RULE_IDS.requirementMissingFromLock}, ${RULE_IDS.lockPinOutsideRange}), and a change to them must bring the lock (${RULE_IDS.declarationsChangedWithoutLock})${outputs.length > 1 ? `; chose it over ${outputs.slice(1).join(', ')}, the first by name` : ''}`,
    );
  }
  // uv and Poetry projects: pyproject.toml declares, the lock beside it resolves (and, for a uv
  // workspace, each member's pyproject.toml is resolved into the root's lock too).
  for (const lock of [...present]
    .filter((f) => basename(f) === 'uv.lock' || basename(f) === 'poetry.lock')
    .sort()) {
    const layout = basename(lock) === 'uv.lock' ? 'uv' : 'poetry';
    const tool = layout === 'uv' ? 'uv' : 'Poetry';
    const dir = dirnameSlash(lock);
    const pyproject = `${dir}pyproject.toml`;
    if (!present.has(pyproject)) {
      if (!explained.has(lock))
        decisions.push(
          `${lock}: a ${tool} lock without pyproject.toml or a requirements file beside it; not paired`,
        );
      continue;
    }
    const members = layout === 'uv' ? uvWorkspaceMembers(reader.readFile(pyproject) ?? '', dir, present) : [];
    for (const requirements of [pyproject, ...members]) {
      pairs.push({ requirements, lock, mode: 'superset', layout, unpinned: 0 });
      decisions.push(
        `${requirements} → ${lock}: ${tool} project${requirements === pyproject ? '' : ` (a workspace member of ${pyproject})`}, mode superset (${tool} locks every transitive package); its declared dependencies must be in the lock and inside their ranges (${RULE_IDS.requirementMissingFromLock}, ${RULE_IDS.lockPinOutsideRange}), and a change to them must bring the lock (${RULE_IDS.declarationsChangedWithoutLock})`,
      );
    }
  }
  detectNpm(present, reader, pairs, decisions);
  return { pairs, decisions };
}

/**
 * The requirements of `path` and of the files it includes with `-r`, as the DEP rules read them
 * (constraints, `-c`, add no requirement). Each file once, whatever the include graph.
 */
function withIncludes(path: string, reader: LayoutReader, seen = new Set<string>()): RequirementEntry[] {
  if (seen.has(path)) return [];
  seen.add(path);
  const text = reader.readFile(path);
  if (text === undefined) return [];
  const parsed = parseRequirementsFile(path, text);
  const out = [...parsed.requirements];
  for (const inc of parsed.includes) {
    if (inc.kind !== 'requirement' || inc.target.includes('://')) continue;
    // Relative to the including file's folder.
    const target = joinRepoPath(dirnameSlash(path), inc.target);
    if (target !== undefined) out.push(...withIncludes(target, reader, seen));
  }
  return out;
}

/**
 * `mirror` when the lock names exactly the packages the requirements (and their includes) name,
 * else `superset` (a `pip freeze` or a compiled lock adds transitive packages; mirror would flag
 * each of them).
 */
function modeOfPlainLock(
  requirements: RequirementEntry[],
  lock: string,
  reader: LayoutReader,
): 'mirror' | 'superset' {
  const wanted = new Set(requirements.map((r) => r.key).filter((k): k is string => k !== undefined));
  const text = reader.readFile(lock) ?? '';
  const format = detectLockFormat(lock);
  const keys =
    format === 'uv' || format === 'poetry'
      ? readTomlLockEntries(lock, text, format).entries.map((e) => e.key)
      : parseRequirementsFile(lock, text).requirements.map((r) => r.key);
  return keys.every((k) => k === undefined || wanted.has(k)) ? 'mirror' : 'superset';
}
