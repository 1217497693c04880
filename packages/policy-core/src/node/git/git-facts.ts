import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { FileVersion, GitFacts } from '../../repo.js';
import { readBlobsAt, readFileAtEach } from './base-reader.js';
import { runGitSync } from './run-git.js';

/** What git says a name is: the object's own type, and the commit it peels to (if any). */
interface ObjectInfo {
  type?: string;
  commit?: string;
}

const FULL_HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * GitFacts over a real repository: sync (rules are sync) and cached, since rules ask the same
 * question for every finding about one commit. Unknown objects answer false, not throw.
 */
export class RepoGitFacts implements GitFacts {
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly ancestors = new Map<string, boolean>();
  /** Files read at a commit, by commit then path (undefined: not in that commit). */
  private readonly blobs = new Map<string, Map<string, string | undefined>>();
  private readonly versions = new Map<string, readonly FileVersion[]>();

  constructor(private readonly cwd: string) {}

  /**
   * A commit object itself: an annotated tag's own hash is not one (`sha^{commit}` would peel
   * it and say yes, and a record naming the tag would then pass as a commit).
   */
  commitExists(sha: string): boolean {
    return this.info(sha).type === 'commit';
  }

  peelTag(sha: string): string | undefined {
    const info = this.info(sha);
    return info.type === 'tag' ? info.commit : undefined;
  }

  resolveCommit(name: string): string | undefined {
    return this.info(name).commit;
  }

  /**
   * One `git cat-file --batch-check` for every name not asked yet, instead of a process each.
   * Each name is asked twice in that batch: as given (its own type) and peeled (`^{commit}`).
   */
  primeCommits(names: readonly string[]): void {
    const ask = this.unknownCommits(names);
    if (ask.length === 0) return;
    const r = runGitSync(this.cwd, ['cat-file', '--batch-check'], {
      input: `${ask.flatMap((n) => [n, `${n}^{commit}`]).join('\n')}\n`,
      okCodes: [128],
    });
    if (r.code !== 0) return; // info() asks one by one, as without priming
    const lines = r.stdout.toString('utf8').split('\n');
    for (const [i, name] of ask.entries()) {
      const [, type] = (lines[2 * i] ?? '').split(' ');
      const [oid, peeledType] = (lines[2 * i + 1] ?? '').split(' ');
      this.learnCommit(
        name,
        type && type !== 'missing' && type !== 'ambiguous' ? type : undefined,
        oid && peeledType ? { oid, type: peeledType } : undefined,
      );
    }
  }

  /**
   * One `git cat-file --batch` for the paths not asked before; a commit only (a tag's hash is not
   * one). A commit's files never change, so the editor's re-checks ask git only for new paths.
   */
  readFilesAt(sha: string, paths: readonly string[]): ReadonlyMap<string, string> | undefined {
    if (!this.commitExists(sha)) return undefined;
    let known = this.blobs.get(sha);
    if (known === undefined) {
      known = new Map();
      this.blobs.set(sha, known);
    }
    const ask = paths.filter((p) => !known.has(p));
    for (const [path, text] of readBlobsAt(this.cwd, sha, ask)) known.set(path, text);
    const out = new Map<string, string>();
    for (const path of paths) {
      const text = known.get(path);
      if (text !== undefined) out.set(path, text);
    }
    return out;
  }

  /** `git log` for the commits that changed `path`, then one `cat-file --batch` for its texts. */
  versionsOf(path: string, max: number): readonly FileVersion[] {
    const key = `${max}\0${path}`;
    const known = this.versions.get(key);
    if (known) return known;
    const log = runGitSync(this.cwd, ['log', `-n${max}`, '--format=%H', '--', `:(literal)${path}`], {
      okCodes: [128],
    });
    const commits =
      log.code === 0
        ? log.stdout
            .toString('utf8')
            .split('\n')
            .filter((l) => FULL_HASH.test(l))
        : [];
    const texts = readFileAtEach(this.cwd, commits, path);
    const cuts = commits.length > 0 ? shallowCuts(this.cwd) : new Set<string>();
    const found = commits.map((commit): FileVersion => {
      const text = texts.get(commit);
      return { commit, ...(text !== undefined ? { text } : {}), ...(cuts.has(commit) ? { cut: true } : {}) };
    });
    this.versions.set(key, found);
    return found;
  }

  /** The names `primeCommits` would still ask about (askable ones not answered yet). */
  unknownCommits(names: readonly string[]): string[] {
    return [...new Set(names)].filter((n) => !this.objects.has(n) && askable(n));
  }

  /** What a batch asked elsewhere says of `name` (its own type) and of `name^{commit}`. */
  learnCommit(
    name: string,
    type: string | undefined,
    peeled: { oid: string; type: string } | undefined,
  ): void {
    const info: ObjectInfo = {};
    if (type) info.type = type;
    if (peeled?.type === 'commit' && FULL_HASH.test(peeled.oid)) info.commit = peeled.oid;
    this.objects.set(name, info);
  }

  /** The isAncestor questions not answered yet, askable ones only. */
  unknownAncestry(pairs: readonly (readonly [string, string])[]): [string, string][] {
    return pairs
      .filter(([a, r]) => !this.ancestors.has(`${a}\0${r}`) && !a.startsWith('-') && !r.startsWith('-'))
      .map(([a, r]) => [a, r]);
  }

  learnAncestry(ancestor: string, ref: string, yes: boolean): void {
    this.ancestors.set(`${ancestor}\0${ref}`, yes);
  }

  isAncestor(ancestor: string, ref: string): boolean {
    const key = `${ancestor}\0${ref}`;
    let known = this.ancestors.get(key);
    if (known === undefined) {
      known =
        !ancestor.startsWith('-') &&
        !ref.startsWith('-') &&
        runGitSync(this.cwd, ['merge-base', '--is-ancestor', ancestor, ref], { okCodes: [1, 128] }).code ===
          0;
      this.ancestors.set(key, known);
    }
    return known;
  }

  private info(name: string): ObjectInfo {
    if (!this.objects.has(name)) this.primeCommits([name]);
    let info = this.objects.get(name);
    if (info === undefined) {
      // Not askable on one line, or the batch failed: nothing is known about it.
      info = {};
      this.objects.set(name, info);
    }
    return info;
  }
}

/** The commits a shallow clone's history stops at (git's `shallow` file); empty in a full clone. */
function shallowCuts(cwd: string): Set<string> {
  const r = runGitSync(cwd, ['rev-parse', '--is-shallow-repository', '--git-path', 'shallow'], {
    okCodes: [128],
  });
  const [shallow, file] = r.stdout.toString('utf8').split('\n');
  if (r.code !== 0 || shallow !== 'true' || !file) return new Set();
  try {
    const text = readFileSync(isAbsolute(file) ? file : join(cwd, file), 'utf8');
    return new Set(text.split('\n').filter((l) => FULL_HASH.test(l)));
  } catch {
    return new Set(); // said shallow, but no list of where: nothing to say of any commit
  }
}

/**
 * cat-file reads one name per line and answers `<name> missing` for an unknown one, so a name
 * with whitespace (never a ref or a hash) could not be read back; option-like names are refused.
 */
function askable(name: string): boolean {
  return name !== '' && !name.startsWith('-') && !/[\s\0]/.test(name);
}
