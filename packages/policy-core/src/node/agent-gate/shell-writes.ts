import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import type { Judged } from '../../agent-gate/shell-verdicts.js';
import type { ShellWrite } from '../../agent-gate/shell/effects.js';
import type { ProposedWrite } from '../../agent-gate/proposed-write.js';
import { copyLandings } from './copy-landings.js';
import { filesInCommit } from './files-in-commit.js';
import { filesOnDisk, ownPathAside } from './files-on-disk.js';
import { findRemovesOnDisk } from './find-matching.js';
import { settingsWrite } from './settings-outside-repo.js';
import { MadeSoFar } from './made-so-far.js';
import { oneTextEach } from './one-text-each.js';
import {
  blobTexts,
  changedOnDisk,
  convertedOnCheckout,
  indexEntries,
  plainFile,
  type SourceEntry,
} from './restored-texts.js';
import { removesLinkItself, slashTarget } from './removed-link.js';
import { untrackedFiles } from './untracked-files.js';
import { lstatOrUndefined, writeTarget } from './write-target.js';
import { relativeInside } from './relative-inside.js';

/** Past this many files a glob or a folder a command writes is judged by its first ones and put to the human. */
const MAX_EXPANDED = 10_000;

/**
 * A shell command's writes as the gate judges them: each named file resolved as the file system
 * will (writeTarget), with the text the command holds whole (`echo 'x' > f`, a heredoc), else its
 * text unknown (judged by its path; where a rule reads the text it is refused), a removal as a
 * removal; a glob or a folder (`rm -r dir`) as every repository file it covers; a folder copied or moved as every file that lands (copy-landings,
 * with the text of a file copied from the repository, read through `read`); a restore (`git
 * checkout [<commit>] -- path`, `git restore path`) as the files it takes back, with the text it
 * takes them back with (restored-texts.ts). A target the shell expands (`~/x`, `$HOME/x`) is put
 * to the human.
 */
export function shellWrites(
  writes: readonly ShellWrite[],
  root: string,
  cwd: string,
  listing: () => readonly string[],
  read: (rel: string) => string | undefined = () => undefined,
): { writes: ProposedWrite[]; judged: Judged[] } {
  const out: ProposedWrite[] = [];
  const judged: Judged[] = [];
  // What the command wrote so far, in its order: a folder moved later carries it along.
  const made = new MadeSoFar();
  const mark = (path: string, w: ShellWrite) => (w.deletes ? made.remove(path) : made.add(path));
  const add = (path: string, w: ShellWrite, after?: string) => {
    out.push({ path, after: w.deletes ? null : after, how: w.how });
    mark(path, w);
  };
  const ask = (message: string) =>
    judged.push({
      verdict: 'ask',
      reason: {
        ruleId: 'GATE',
        message,
        instead: 'copy or move named files, or ask a human to approve the command',
      },
    });
  /**
   * A restore's writes: each file of its source that git rewrites (one the index and the work tree
   * already hold as the source does is left alone), with the source's text where it is a plain
   * file (a link, a submodule or a conflict keeps its text unknown).
   */
  const restoreWrites = (
    w: ShellWrite,
    source: SourceEntry[],
    index: Map<string, SourceEntry> | undefined,
  ) => {
    const rel = relativeInside(resolve(root), resolve(cwd, w.path)) ?? '';
    const dirty = changedOnDisk(root, rel);
    const plain = source.filter(plainFile);
    const texts = blobTexts(
      root,
      plain.map((e) => e.oid),
    );
    // What git's checkout rewrites (`ident`, a filter) lands otherwise than the blob; a restored
    // .gitattributes may set that for the rest: then no text is taken.
    const converted = plain.some((e) => e.path === '.gitattributes' || e.path.endsWith('/.gitattributes'))
      ? undefined
      : convertedOnCheckout(
          root,
          plain.map((e) => e.path),
        );
    for (const e of source.slice(0, MAX_EXPANDED)) {
      const now = index?.get(e.path);
      const clean = dirty !== undefined && !dirty.has(e.path) && !now?.unmerged;
      if (clean && now?.oid === e.oid && now.mode === e.mode) continue;
      const text = plainFile(e) && converted && !converted.has(e.path) ? texts.get(e.oid) : undefined;
      if (text !== undefined && read(e.path) === text) continue;
      add(e.path, w, text);
    }
    if (source.length > MAX_EXPANDED)
      ask(
        `\`${w.how}\` ${w.path} restores more than ${MAX_EXPANDED.toLocaleString('en-US')} files; the first were judged`,
      );
  };
  for (const w of writes) {
    const absolute = resolve(cwd, w.path);
    const settings = settingsWrite(w.how, w.path, root, absolute);
    if (settings) judged.push(settings);
    if (w.notLiteral !== undefined) {
      judged.push({
        verdict: 'ask',
        reason: {
          ruleId: 'GATE',
          message: `\`${w.how}\` writes ${w.path}, a path the shell expands (${w.notLiteral}), which Slipway does not follow`,
          instead: 'name the file by its path inside the repository, or ask a human to approve the command',
        },
      });
      continue;
    }
    if (w.from !== undefined && !w.pattern) {
      const c = copyLandings(w, root, cwd, made, MAX_EXPANDED);
      if (c.refused !== undefined)
        judged.push({
          verdict: 'deny',
          reason: {
            ruleId: 'GATE',
            message: `\`${w.how}\` would write ${c.refused}`,
            instead: 'leave that file alone',
          },
        });
      if (c.dest && !c.landed.some((l) => l.rel === c.dest)) add(c.dest, w);
      for (const l of c.landed.slice(0, MAX_EXPANDED))
        add(l.rel, w, l.source === undefined ? undefined : read(l.source));
      if (c.ask !== undefined) ask(c.ask);
      if (c.landed.length > MAX_EXPANDED)
        ask(
          `\`${w.how}\` ${w.from} lands more than ${MAX_EXPANDED.toLocaleString('en-US')} files; the first were judged`,
        );
      continue;
    }
    // A folder the repository is in, removed or written whole (`rm -rf ..`, `find .. -delete`,
    // `mv .. /tmp/x`): every file of the repository.
    const holdsRoot = !w.pattern && relativeInside(absolute, resolve(root)) !== undefined;
    // `rm -rf link` removes the link alone, `rm -rf link/` what it leads to (removed-link.ts).
    const linkItself = removesLinkItself(w, absolute);
    if (!linkItself && (w.pattern || w.tree || (w.deletes && holdsRoot))) {
      const named = relativeInside(resolve(root), absolute) ?? (holdsRoot ? '' : undefined);
      const rel = slashTarget(w, root, absolute, named);
      if (rel === undefined) continue;
      const gitDir = w.pattern
        ? minimatch('.git/config', rel, { dot: true }) || minimatch('.git', rel, { dot: true })
        : rel === '.git' || rel.startsWith('.git/');
      if (gitDir) {
        judged.push(gitDirReached(w));
        continue;
      }
      // A folder: the files on disk under it (untracked ones too: node_modules, a new .claude/),
      // and the folder's own path where it holds none (ownPathAside).
      // A glob that names folders (`rm -r ap?`) covers the files under each folder it matches.
      const under = w.tree || w.deletes;
      if (w.pattern && !w.deletes) made.addGlob(rel);
      // A copy to a glob: which folder takes it, and so what lands, only the shell knows.
      if (w.from !== undefined) ask(`\`${w.how}\` copies ${w.from} to ${w.path}, a glob`);
      // Restored from the index: the index's files under the path, nothing else on disk.
      if (w.restoredFromIndex && !w.pattern) {
        const entries = indexEntries(root, rel, MAX_EXPANDED + 1);
        if (entries !== undefined) {
          restoreWrites(w, [...entries.values()], entries);
          continue;
        }
      }
      // git clean: what git does not track under the path, not the tracked files beside it.
      if (w.cleans !== undefined && !w.pattern) {
        const untracked = untrackedFiles(root, rel, w.cleans, MAX_EXPANDED + 1);
        if (untracked !== undefined) {
          for (const p of untracked.slice(0, MAX_EXPANDED)) {
            // `vendor/n/`: a repository nested in the tree, which git removes only when forced twice.
            if (!p.endsWith('/')) add(p, w);
            else if (w.cleansNested)
              for (const f of filesOnDisk(root, p.slice(0, -1), MAX_EXPANDED)) add(f, w);
          }
          if (untracked.length > MAX_EXPANDED)
            ask(
              `\`${w.how}\` ${w.path} removes more than ${MAX_EXPANDED.toLocaleString('en-US')} files; the first were judged`,
            );
          continue;
        }
      }
      // `find … -name '*.log' -delete`: the files its name tests match (find-matching.ts).
      const found = w.matching && !w.pattern ? findRemovesOnDisk(w.matching, absolute, root, rel) : undefined;
      if (found?.git) {
        judged.push(gitDirReached(w));
        continue;
      }
      if (found?.unlisted) ask(`\`${w.how}\` ${w.path} ${found.unlisted}`);
      // A glob that writes names its matches on disk, and itself: where nothing matches, the
      // shell hands the word on as it is (`echo x > core/n*.py` makes a file of that name), and a
      // copy's destination glob (`cp scratch/e*.py core/` lands core/e*.py: copy-writers.ts) has
      // no match until the copy runs. Judged by its own name, its folder's rules apply.
      const listed =
        found?.covered ??
        (w.pattern
          ? [
              ...listing().filter(
                (p) =>
                  minimatch(p, rel, { dot: true }) || (under && minimatch(p, `${rel}/**`, { dot: true })),
              ),
              ...(w.deletes ? [] : [rel]),
            ]
          : [rel, ...filesOnDisk(root, rel, MAX_EXPANDED + 1)].filter((p) => p !== ''));
      const covered = w.pattern ? listed : ownPathAside(listed, rel);
      // Restored from a commit: its files under the path land too, on disk before or not.
      if (w.restoredFromUnknown !== undefined) ask(`\`${w.how}\` ${w.path}: ${w.restoredFromUnknown}`);
      if (w.restoredFrom !== undefined) {
        const listed = filesInCommit(root, w.restoredFrom, rel, MAX_EXPANDED + 1);
        if (listed === undefined)
          ask(
            `\`${w.how}\` ${w.path} restores from ${w.restoredFrom}, which git cannot list here (made in the same command?)`,
          );
        else {
          restoreWrites(w, listed, indexEntries(root, rel, MAX_EXPANDED + 1));
          // Files on disk the commit lacks: left alone, or removed (restore's no-overlay mode).
          const inCommit = new Set(listed.map((e) => e.path));
          for (const p of covered.slice(0, MAX_EXPANDED)) if (!inCommit.has(p)) add(p, w);
          continue;
        }
      }
      for (const p of covered.slice(0, MAX_EXPANDED)) add(p, w);
      // Judged by its files, the folder is still gone (or made) for the command's next steps:
      // `rm -rf db && mv scratch db` makes scratch the new db.
      if (covered.length < listed.length) mark(rel, w);
      if (covered.length > MAX_EXPANDED)
        judged.push({
          verdict: 'ask',
          reason: {
            ruleId: 'GATE',
            message: `\`${w.how}\` ${w.path} covers ${covered.length.toLocaleString('en-US')} files; the first ${MAX_EXPANDED.toLocaleString('en-US')} were judged`,
            instead: 'name fewer files, or ask a human to approve the command',
          },
        });
      continue;
    }
    // `mkdir -p a/b`'s folders on the way are made only where missing: one there (the repository
    // itself among them, which writeTarget refuses as no file) is not written.
    if (w.how === 'mkdir -p' && statOrUndefined(absolute)?.isDirectory()) continue;
    const t = writeTarget(root, cwd, w.path, linkItself);
    // A link to a folder (or to what is not there yet, which the command may make a folder)
    // makes every file under it writable by another name, whatever its rules: put to a person.
    const linked = 'rel' in t && w.how.endsWith('(links to)') ? join(root, t.rel) : undefined;
    const linkedStat = linked === undefined ? undefined : lstatOrUndefined(linked);
    if ('rel' in t && linked !== undefined && !linkedStat?.isFile()) {
      // Where the link would point only were its name a folder that is not there: moot.
      if (!linkedStat && !lstatOrUndefined(dirname(linked))) continue;
      judged.push({
        verdict: 'ask',
        reason: {
          ruleId: 'GATE',
          message: `\`${w.how}\` ${t.rel}, a folder or a path not there yet: every file under it becomes writable by the link's name, which the rules do not see`,
          instead: 'link single files that exist, or ask a human to approve the command',
        },
      });
      continue;
    }
    if ('refused' in t)
      judged.push({
        verdict: 'deny',
        reason: {
          ruleId: 'GATE',
          message: `\`${w.how}\` would write ${t.refused}`,
          instead: 'leave that file alone',
        },
      });
    else if ('rel' in t) {
      // Removing or moving away a folder (`mv alembic /tmp/a`) removes every file in it.
      const under = w.deletes && !linkItself ? filesOnDisk(root, t.rel, MAX_EXPANDED) : [];
      if (under.length === 0) add(t.rel, w, w.content);
      else mark(t.rel, w);
      for (const p of under) add(p, w);
    }
  }
  return { writes: oneTextEach(out), judged };
}

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function gitDirReached(w: ShellWrite): Judged {
  return {
    verdict: 'deny',
    reason: {
      ruleId: 'GATE',
      message: `\`${w.how}\` ${w.path} reaches the git directory, whose hooks and config run programs`,
      instead: 'leave the git directory alone',
    },
  };
}
