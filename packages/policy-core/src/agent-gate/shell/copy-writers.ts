import type { Arg } from './context.js';
import { joinCwd } from './context.js';
import type { WriterCall } from './writer-call.js';
import { has, isLongOption, withText } from './writer-call.js';
import { withoutTrailingSlashes } from '../../trailing-slashes.js';

/**
 * The programs that put a file (or a folder) at a destination: mv, cp, ln, install. What each
 * writes: the destination, the destination as a folder (dir/basename), the source of a move,
 * a link's target, and for a folder moved or copied whole, the source the gate maps onto the
 * destination file by file (ShellWrite.from).
 */
/** Each program's short options that take a value (`-S .bak`, install's `-m 644`), `t` among them. */
const VALUE_SHORTS: Record<string, string> = { install: 'mogSt' };

/**
 * `-t dir` / `--target-directory=dir`: the directory, as an argument, or undefined. Read as
 * getopt reads it: in a cluster (`-vt dir`, `-t.github`: the rest of the word is the value),
 * and as an abbreviation (`--target=dir`, `--targ dir`).
 */
function targetDir(call: WriterCall): Arg | undefined {
  const valueShorts = VALUE_SHORTS[call.name] ?? 'St';
  for (let i = 0; i < call.args.length; i++) {
    const a = call.args[i]!;
    if (!a.value.static) continue;
    const t = a.value.text;
    if (t === '--') return undefined;
    if (t.startsWith('--')) {
      if (!isLongOption(t, '--target-directory')) continue;
      const eq = t.indexOf('=');
      return eq === -1 ? call.args[i + 1] : withText(a, t.slice(eq + 1));
    }
    if (!t.startsWith('-')) continue;
    for (let k = 1; k < t.length; k++) {
      if (!valueShorts.includes(t[k]!)) continue;
      if (t[k] !== 't') break;
      return k + 1 < t.length ? withText(a, t.slice(k + 1)) : call.args[i + 1];
    }
  }
  return undefined;
}

/** `-b`, `--backup[=…]`, `-S suffix`, `--suffix=…`: backups of what the command replaces. */
function keepsBackups(call: WriterCall): boolean {
  const valueShorts = VALUE_SHORTS[call.name] ?? 'St';
  for (const a of call.args) {
    if (!a.value.static) continue;
    const t = a.value.text;
    if (t === '--') return false;
    if (t.startsWith('--')) {
      if (isLongOption(t, '--backup') || isLongOption(t, '--suffix')) return true;
      continue;
    }
    if (!t.startsWith('-')) continue;
    // A cluster's letters up to the first that takes a value (the rest of the word is that value).
    for (let k = 1; k < t.length; k++) {
      if (t[k] === 'b' || t[k] === 'S') return true;
      if (valueShorts.includes(t[k]!)) break;
    }
  }
  return false;
}

/** mv, cp, ln, install: the last operand (or `-t dir`) is the destination; a file may land in it as dir/basename. */
export function copyLike(call: WriterCall, moves: boolean, links?: 'symbolic' | 'hard'): void {
  const dir = targetDir(call);
  // `ln -s target` alone makes the link in the current directory under the target's name.
  const alone = links !== undefined && !dir && call.operands.length === 1;
  const dest = alone ? withText(call.operands[0]!, '.') : (dir ?? call.operands[call.operands.length - 1]);
  // A glob in the destination's place is as many words as it matches, the last of them the
  // destination: the others are sources (`mv core/*.py` moves all but one into the last).
  const globbed = !links && !dir && dest?.value.static === true && dest.value.pattern;
  const sources = alone
    ? call.operands
    : dir
      ? call.operands.filter((o) => o !== dir)
      : globbed
        ? call.operands
        : call.operands.slice(0, -1);
  if (!dest) return;
  if (links) linkTargets(call, sources, dest, dir !== undefined || alone, links);
  const recursive =
    has(call.flags, 'r', '--recursive') || has(call.flags, 'R') || has(call.flags, 'a', '--archive');
  // `cp --parents a/b.sql db` lands db/a/b.sql: under each source's whole path, not mapped here.
  if (call.name === 'cp' && call.flags.some((f) => isLongOption(f, '--parents')))
    call.unknown('cp --parents lands each file under its whole path, which Slipway does not map');
  // `-b -S .sql` keeps the file a copy replaces under its name plus the suffix (db/x.sql), and
  // `mv -T -b e core` moves core itself aside: names the command does not show.
  if (keepsBackups(call))
    call.unknown(
      `${call.name} -b/--backup keeps what it replaces under another name, which Slipway does not map`,
    );
  // What a move or a copy puts at the destination is its source's: each source is named, so that
  // the gate maps what lands (copy-landings.ts: the file itself, or a folder's files one by one,
  // each with its source's text) and the rules judge that text. cp without -r skips folders (their
  // files are judged as landing all the same). Links are not copies: their targets are judged.
  const mapped = !links;
  if (mapped)
    for (const source of sources)
      call.write(dest, `${call.name} (to)`, {
        tree: true,
        from: source,
        ...landsOf(call, source, sources.length > 1 || dir !== undefined),
      });
  else call.write(dest, `${call.name} (to)`, recursive ? { tree: true } : {});
  for (const source of sources) {
    if (moves) call.write(source, 'mv (from)', { deletes: true });
    // The destination may be a directory: the source lands in it under its own name.
    const base = source.value.static ? withoutTrailingSlashes(source.value.text).replace(/^.*\//, '') : '';
    // `src/.` lands as the destination itself, named above.
    const contents = base === '.' || base === '..';
    // A mapped source lands through its `(to)` write; a link, by name in the destination folder.
    if (
      !mapped &&
      source.value.static &&
      dest.value.static &&
      !contents &&
      !has(call.flags, 'T', '--no-target-directory')
    ) {
      const text = `${withoutTrailingSlashes(dest.value.text)}/${base}`;
      const glob = `${withoutTrailingSlashes(dest.value.glob)}/${withoutTrailingSlashes(source.value.glob).replace(/^.*\//, '')}`;
      call.write(
        {
          ...dest,
          value: { ...dest.value, text, glob, pattern: dest.value.pattern || source.value.pattern },
        },
        `${call.name} (into)`,
        // A folder linked whole (`cp -al`): every file under its new name.
        recursive ? { tree: true } : {},
      );
    }
  }
}

/**
 * Where a source lands (ShellWrite.lands), by coreutils' reading: `src/.` copies the folder's
 * contents (`dest/<rel>`), `-T` makes dest the copy's own name, `-t dir` or several sources put
 * each in the folder under its own name; cp's `src/` is the contents on BSD (macOS) and the
 * folder on GNU, so both are judged. Otherwise the disk says (dest a folder or not).
 */
function landsOf(call: WriterCall, source: Arg, inFolder: boolean): { lands?: 'in' | 'as' | 'contents' } {
  const text = source.value.static ? source.value.text : '';
  if (/(^|\/)\.\/*$/.test(text) || has(call.flags, 'T', '--no-target-directory')) return { lands: 'as' };
  if (call.name === 'cp' && text.endsWith('/')) return { lands: 'contents' };
  return inFolder ? { lands: 'in' } : {};
}

/**
 * A link made to a file is a way to write it: the next write through the link (in this command,
 * or a later call, where the link looks like a new file of no consequence) lands in the target.
 * So each target is judged as written, where the link will resolve it: a symbolic link's relative
 * target from the link's directory (the destination's, or the destination itself when it is a
 * directory: both are judged, the shell does not say which), a hard link's from here.
 */
function linkTargets(
  call: WriterCall,
  sources: Arg[],
  dest: Arg,
  destIsDir: boolean,
  links: 'symbolic' | 'hard',
): void {
  for (const source of sources) {
    if (!source.value.static || !dest.value.static || links === 'hard' || source.value.text.startsWith('/')) {
      call.write(source, `${call.name} (links to)`);
      continue;
    }
    const destText = withoutTrailingSlashes(dest.value.text);
    const dirs = destIsDir
      ? [destText]
      : [
          destText.replace(/\/?[^/]*$/, '') || '.',
          ...(has(call.flags, 'T', '--no-target-directory') ? [] : [destText]),
        ];
    for (const d of new Set(dirs))
      call.write(withText(source, joinCwd(d, source.value.text)), `${call.name} (links to)`);
  }
}
