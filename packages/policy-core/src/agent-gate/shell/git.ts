import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite, argText as text, joinCwd, throughLink } from './context.js';
import { branchMoves } from './git-branch-moves.js';
import { commitTakes } from './git-commit-scope.js';
import { gitPush, PUSH_SETTING, upstreamSettings } from './git-push.js';
import { gitRefWrites, runsElsewhere } from './git-refs.js';
import { resetPaths, restoredPaths, unstagesOnly } from './git-restore-source.js';
import { gitConfig } from './git-config.js';
import { gitInit } from './git-init.js';
import { gitForms, gitReadForm } from './git-read-forms.js';
import { expandGitAbbreviations, namesProgram } from './git-long-options.js';
import { harmlessGitSetting } from './hijack.js';
import { noteIndexChange, READ_ONLY, readsIndexOnly, REWRITES } from './git-subcommands.js';

const HOOKED = new Set(['commit', 'push', 'merge', 'rebase', 'am', 'cherry-pick', 'revert', 'pull']);

/**
 * What a `git` command writes in the work tree, pushes, and whether it skips the repository's
 * hooks. Subcommands that only read, or write only under `.git` (`add`, `commit`, `fetch`,
 * `branch`, `tag`, `config`), write no file the gate names; those that rewrite tracked files
 * from elsewhere (`checkout <branch>`, `merge`, `pull`, `reset --hard`, `stash`, `apply`) have
 * targets the command does not show: unknown. An unknown subcommand may be an alias running a
 * shell command (`alias.x = !rm f`): unknown too.
 */
export function gitEffects(ctx: WalkContext, args: Arg[], cwds: Cwds, what: string, husky: boolean): void {
  let i = 0;
  let dirCwds = cwds;
  let hooksOff = husky;
  let otherTree = false;
  const pushSettings: string[] = [];
  for (; i < args.length; i++) {
    const t = text(args[i]!);
    if (t === undefined) return void addUnknown(ctx, what, 'a git option is not known', 'dynamic');
    if (!t.startsWith('-')) break;
    if (t === '-C') {
      const dir = text(args[++i]!);
      dirCwds = dir === undefined ? undefined : dirCwds?.map((c) => joinCwd(c, dir));
      // Through a link this command made: where git runs only the shell knows.
      if (dirCwds?.some((d) => throughLink(ctx, `${d}/`))) dirCwds = undefined;
    } else if (t === '-c') {
      const setting = text(args[++i]!) ?? '';
      // push.default keeps its value: only `upstream` (or `tracking`) sends a named branch elsewhere.
      if (PUSH_SETTING.test(setting))
        pushSettings.push(/^push\.default=/i.test(setting) ? `-c ${setting}` : `-c ${setting.split('=')[0]}`);
      if (/^core\.hookspath=/i.test(setting)) hooksOff = true;
      // A hooks path other than nowhere runs the hooks found there.
      if (/^core\.hookspath=/i.test(setting) && !/=(\/dev\/null)?$/i.test(setting))
        addUnknown(ctx, what, 'git -c core.hooksPath runs the hooks in that directory', 'runs-code');
      else if (
        !/^core\.hookspath=/i.test(setting) &&
        !/^alias\./i.test(setting) &&
        !harmlessGitSetting(setting)
      )
        return void addUnknown(ctx, what, `git -c ${setting.split('=')[0]} may run a program`, 'runs-code');
      if (/^alias\./i.test(setting))
        return void addUnknown(
          ctx,
          what,
          'git -c alias.… defines a command Slipway does not read',
          'runs-code',
        );
    } else if (/^--(git-dir|work-tree)(=|$)/.test(t)) {
      if (!t.includes('=')) i++;
      dirCwds = undefined;
      otherTree = true;
    } else if (t === '--config-env' || t.startsWith('--config-env=')) {
      // `--config-env=key=ENVVAR`: a setting like -c's, its value from the environment.
      const key =
        (t === '--config-env' ? (text(args[++i]!) ?? '') : t.slice('--config-env='.length)).split('=')[0] ??
        '';
      if (PUSH_SETTING.test(`${key}=`)) pushSettings.push(`--config-env ${key}`);
      else if (!harmlessGitSetting(`${key}=`))
        return void addUnknown(ctx, what, `git --config-env ${key} may run a program`, 'runs-code');
    } else if (/^--(namespace|exec-path)$/.test(t)) i++;
    else if (/^--(icase|glob)-pathspecs$/.test(t))
      return void addUnknown(ctx, what, `git ${t} widens every path it is given`, 'targets');
    // git 2.42: a commit's .gitattributes decides what checkout writes (ident, filters, encodings).
    else if (/^--attr-source(=|$)/.test(t))
      return void addUnknown(
        ctx,
        what,
        'git --attr-source reads attributes the gate does not read',
        'targets',
      );
  }
  const sub = args[i] ? text(args[i]!) : undefined;
  const rest = expandGitAbbreviations(args.slice(i + 1));
  const words = rest.map(text);
  if (sub === undefined) {
    if (args[i]) addUnknown(ctx, what, 'the git subcommand is not known', 'dynamic');
    return;
  }
  // Read as written: git takes any prefix of a long option, and these forms are told by the words.
  const asWritten = args.slice(i + 1);
  const readForm = gitReadForm(sub, asWritten.map(text));
  // `git --work-tree=/elsewhere add f` stages text the gate never saw as a write.
  if (otherTree && !readsIndexOnly(sub) && !readForm)
    addUnknown(
      ctx,
      what,
      `git --work-tree/--git-dir ${sub} works on files or an index the gate does not read`,
      'targets',
    );
  // `git fetch --upload-pack="rm f; git-upload-pack" .`, `git grep -Osh`: a program of the command's choosing.
  const program = words.find((w) => namesProgram(sub, w));
  if (program !== undefined)
    addUnknown(
      ctx,
      what,
      `git ${sub} ${program.split('=')[0]} runs a program of the command's choosing`,
      'runs-code',
    );
  noteIndexChange(ctx, sub, readForm || sub === 'checkout' || sub === 'restore' || sub === 'reset');
  if (
    HOOKED.has(sub) &&
    (hooksOff ||
      words.includes('--no-verify') ||
      (sub === 'commit' &&
        words.some(
          (w) => w !== undefined && /^-[a-zA-Z]*n/.test(w) && !/^-[a-zA-Z]*[mFCct][a-zA-Z]*n/.test(w),
        )))
  )
    ctx.effects.skipsHooks = true;
  ctx.effects.pushSettings.push(...pushSettings, ...upstreamSettings(sub, words));
  // What it records is the index's, not only the files on disk: read at the call (stagedWrites).
  if (sub === 'commit' && !words.includes('--dry-run'))
    ctx.effects.commits.push({ what, takes: commitTakes(words) });
  if (sub === 'push')
    return void ctx.effects.pushes.push({
      ...gitPush(rest),
      ...(dirCwds === undefined ? { runsInUnknown: true } : { runsIn: [...dirCwds] }),
    });
  if (!runsElsewhere(dirCwds, cwds))
    for (const move of branchMoves(sub, words)) ctx.effects.branchMoves.push({ ...move, what });
  for (const ref of gitRefWrites(sub, words, runsElsewhere(dirCwds, cwds)))
    ctx.effects.refWrites.push(
      ref === undefined ? { what } : { what, ref, ...(dirCwds ? { runsIn: [...dirCwds] } : {}) },
    );
  const dashDash = words.indexOf('--');
  const paths = (from: number) =>
    rest
      .slice(from)
      .filter(
        (a, k) =>
          !(text(a) ?? '').startsWith('-') ||
          (from + k > dashDash && dashDash !== -1 && from + k !== dashDash),
      );
  const write = (
    a: Arg,
    how: string,
    { from, ...extra }: Parameters<typeof addWrite>[5] & { from?: Arg } = {},
  ) => {
    // A pathspec git expands itself (`"slipway.*"`, `:(glob)**/x`: quoted, so the shell did not)
    // may name any file: not followed here.
    const spec = text(a);
    if (spec !== undefined && (/[*?[]/.test(spec) || spec.startsWith(':')))
      return void addUnknown(
        ctx,
        what,
        `${how}'s pathspec ${spec} is expanded by git, which Slipway does not follow`,
        'targets',
      );
    addWrite(ctx, dirCwds, a, how, what, extra, from);
  };
  // The index is what the next commit takes: a patch applied there changes files the gate never saw.
  const reportsOnly = words.some(
    (w) => w === '--check' || w === '--stat' || w === '--numstat' || w === '--summary',
  );
  if (sub === 'apply' && !reportsOnly && words.some((w) => w === '--cached' || w === '--index'))
    return void addUnknown(
      ctx,
      what,
      `git apply ${words.includes('--index') ? '--index' : '--cached'} puts a patch in what the next commit takes`,
      'targets',
    );
  if (sub === 'diff' || sub === 'log' || sub === 'show') {
    if (words.some((w) => w?.startsWith('--output')))
      addUnknown(ctx, what, `git ${sub} writes to an output file`, 'targets');
    return;
  }
  if (gitForms(ctx, sub, asWritten, readForm, dirCwds, what)) return;
  if (sub === 'grep' && words.some((w) => w === undefined))
    return void addUnknown(
      ctx,
      what,
      'a git grep word only the shell knows may be -O, which runs a program',
      'runs-code',
    );
  if (sub === 'config') return void gitConfig(ctx, rest, dirCwds, what);
  if (sub === 'init') return void gitInit(ctx, dirCwds, rest, what);
  if (READ_ONLY.has(sub)) return;
  if (sub === 'rm') {
    // `--cached` leaves the file on disk, but the next commit removes it from the repository.
    for (const a of paths(0))
      write(a, 'git rm', { deletes: true, ...(words.includes('-r') ? { tree: true as const } : {}) });
    return;
  }
  if (sub === 'mv') {
    const ops = paths(0);
    const dest = ops[ops.length - 1];
    if (!dest) return;
    // git mv renames a folder on disk whole (untracked files too): each file lands under dest.
    const sources = ops.slice(0, -1);
    for (const a of sources)
      write(dest, 'git mv (to)', {
        tree: true,
        from: a,
        ...(sources.length > 1 ? { lands: 'in' as const } : {}),
      });
    for (const a of sources) write(a, 'git mv (from)', { deletes: true });
    return;
  }
  if (sub === 'checkout' || sub === 'restore') {
    if (sub === 'restore' && unstagesOnly(rest)) return void noteIndexChange(ctx, sub);
    if (sub === 'checkout' && dashDash === -1) {
      if (words.some((w) => w === '-b' || w === '-B') && words.filter((w) => !w?.startsWith('-')).length <= 1)
        return;
      return void addUnknown(
        ctx,
        what,
        'git checkout without -- switches branches (it rewrites the work tree) or restores paths',
        'targets',
      );
    }
    const restore = restoredPaths(sub, rest);
    if (restore.unknown) addUnknown(ctx, what, restore.unknown, 'targets');
    for (const { arg, restored } of restore.paths) write(arg, `git ${sub}`, { tree: true, ...restored });
    return;
  }
  if (sub === 'switch') {
    if (words.some((w) => w === '-c' || w === '-C') && words.filter((w) => !w?.startsWith('-')).length <= 1)
      return;
    return void addUnknown(ctx, what, 'git switch rewrites the work tree to another branch', 'targets');
  }
  if (sub === 'reset') {
    if (words.some((w) => w === '--hard' || w === '--merge' || w === '--keep'))
      addUnknown(ctx, what, 'git reset --hard rewrites tracked files', 'targets');
    else {
      const { paths: reset } = resetPaths(rest);
      // From HEAD or moving the branch: not a restore judged from a source.
      if (reset.length === 0) noteIndexChange(ctx, sub);
      for (const { arg, restored } of reset) write(arg, 'git reset', { tree: true, ...restored });
    }
    return;
  }
  if (sub === 'clean') {
    if (words.some((w) => w === '-n' || w === '--dry-run' || (w !== undefined && /^-[a-zA-Z]*n/.test(w))))
      return;
    // Only what git does not track goes (the node side lists it); -x ignored files too, -X only those.
    const short = (c: string) =>
      words.some((w) => w !== undefined && /^-[a-zA-Z]+$/.test(w) && w.includes(c));
    const cleans = short('X') ? 'ignored' : short('x') ? 'all' : 'untracked';
    // "Git will refuse to modify untracked nested git repositories … unless a second -f is given."
    const forces = words.reduce(
      (n, w) =>
        n + (w === '--force' ? 1 : w !== undefined && /^-[a-zA-Z]+$/.test(w) ? w.split('f').length - 1 : 0),
      0,
    );
    const targets = paths(0);
    const extra = {
      deletes: true as const,
      tree: true as const,
      cleans,
      ...(forces >= 2 ? { cleansNested: true as const } : {}),
    } as const;
    if (targets.length === 0) write({ ...rest[0]!, ...dotArg }, 'git clean', extra);
    for (const a of targets) write(a, 'git clean', extra);
    return;
  }
  if (sub === 'stash') {
    const action = words[0];
    if (
      action === 'list' ||
      action === 'show' ||
      action === 'drop' ||
      action === 'clear' ||
      action === 'create'
    )
      return;
    return void addUnknown(ctx, what, `git stash ${action ?? 'push'} rewrites the work tree`, 'targets');
  }
  if (sub === 'apply' && reportsOnly) return;
  if (REWRITES.has(sub))
    return void addUnknown(ctx, what, `git ${sub} writes files the command does not name`, 'targets');
  addUnknown(
    ctx,
    what,
    `git ${sub} is not a subcommand Slipway knows (an alias may run any command)`,
    'unknown-program',
  );
}

const dotArg: Pick<Arg, 'source' | 'value'> = {
  source: '.',
  value: { static: true, text: '.', glob: '.', pattern: false },
};
