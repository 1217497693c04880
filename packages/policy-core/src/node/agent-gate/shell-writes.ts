import { type Dirent, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import type { Judged } from '../../agent-gate/shell-verdicts.js';
import type { ShellWrite } from '../../agent-gate/shell/effects.js';
import type { ProposedWrite } from '../../agent-gate/proposed-write.js';
import { lstatOrUndefined, relativeInside, writeTarget } from './write-target.js';

/** Past this many files a glob or a folder a command writes is judged by its first ones and put to the human. */
const MAX_EXPANDED = 10_000;

/**
 * A shell command's writes as the gate judges them: each named file resolved as the file system
 * will (writeTarget), its text unknown (a shell write is judged by its path; where a rule reads
 * the text it is refused), a removal as a removal; a glob or a folder (`rm -r dir`) as every
 * repository file it covers. A target the shell expands (`~/x`, `$HOME/x`) is put to the human.
 */
export function shellWrites(
  writes: readonly ShellWrite[],
  root: string,
  cwd: string,
  listing: () => readonly string[],
): { writes: ProposedWrite[]; judged: Judged[] } {
  const out: ProposedWrite[] = [];
  const judged: Judged[] = [];
  const add = (path: string, w: ShellWrite) =>
    out.push({ path, after: w.deletes ? null : undefined, how: w.how });
  for (const w of writes) {
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
    if (w.pattern || w.tree) {
      const rel = relativeInside(resolve(root), resolve(cwd, w.path));
      if (rel === undefined) continue;
      const gitDir = w.pattern
        ? minimatch('.git/config', rel, { dot: true }) || minimatch('.git', rel, { dot: true })
        : rel === '.git' || rel.startsWith('.git/');
      if (gitDir) {
        judged.push({
          verdict: 'deny',
          reason: {
            ruleId: 'GATE',
            message: `\`${w.how}\` ${w.path} reaches the git directory, whose hooks and config run programs`,
            instead: 'leave the git directory alone',
          },
        });
        continue;
      }
      // A folder: the files on disk under it (untracked ones too: node_modules, a new .claude/),
      // and the folder's own path.
      // A glob that names folders (`rm -r ap?`) covers the files under each folder it matches.
      const under = w.tree || w.deletes;
      const covered = w.pattern
        ? listing().filter(
            (p) => minimatch(p, rel, { dot: true }) || (under && minimatch(p, `${rel}/**`, { dot: true })),
          )
        : [rel, ...filesOnDisk(root, rel, MAX_EXPANDED + 1)].filter((p) => p !== '');
      for (const p of covered.slice(0, MAX_EXPANDED)) add(p, w);
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
    const t = writeTarget(root, cwd, w.path);
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
      add(t.rel, w);
      // Removing or moving away a folder (`mv alembic /tmp/a`) removes every file in it.
      if (w.deletes) for (const p of filesOnDisk(root, t.rel, MAX_EXPANDED)) add(p, w);
    }
  }
  return { writes: out, judged };
}

/** Files under `rel` on disk (links not followed, the git directory skipped), at most `max`. */
function filesOnDisk(root: string, rel: string, max: number): string[] {
  const out: string[] = [];
  const stack = [rel];
  while (stack.length > 0 && out.length < max) {
    const dir = stack.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const path = dir === '' ? e.name : `${dir}/${e.name}`;
      if (e.name === '.git') continue;
      if (e.isDirectory()) stack.push(path);
      else out.push(path);
      if (out.length >= max) break;
    }
  }
  return out;
}
