import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite } from './context.js';
import { copyLike } from './copy-writers.js';
import { awkEffects, findEffects, perlEffects } from './scripted-writers.js';
import type { Writer, WriterCall } from './writer-call.js';
import { has, isLongOption, withText } from './writer-call.js';
import { longTakesValue, runsProgramOption } from './writer-long-options.js';

/**
 * Programs that write the files their arguments name, and how each reads its arguments. Each
 * gives its operands (options and their values skipped) to `write`, which adds one write each.
 */
/** Options that take the next word as their value, per program (so it is not an operand). */
const WITH_VALUE: Record<string, RegExp> = {
  mv: /^-[tS]$/,
  cp: /^-[tS]$/,
  ln: /^-[tS]$/,
  install: /^-[tSmogC]$/,
  truncate: /^-[sr]$/,
  touch: /^-[rtd]$/,
  sed: /^-[ef]$/,
  tee: /^$/,
  chmod: /^$/,
  chown: /^$/,
  mkdir: /^-m$/,
  patch: /^-[pdiorDFzBYV]$/,
  sort: /^-[otSkT]$/,
};

function split(name: string, args: Arg[]): { flags: string[]; operands: Arg[] } {
  const flags: string[] = [];
  const operands: Arg[] = [];
  const withValue = WITH_VALUE[name] ?? /^$/;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.value.static ? a.value.text : undefined;
    if (t === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (t?.startsWith('-') && t !== '-' && !(name === 'chmod' && /^-[rwxXst]+$/.test(t))) {
      flags.push(t);
      if ((withValue.test(t) || longTakesValue(name, t)) && args[i + 1]) {
        const next = args[++i]!;
        flags.push(`${t}=${next.value.static ? next.value.text : '?'}`);
      }
    } else operands.push(a);
  }
  return { flags, operands };
}

export const WRITERS: Record<string, Writer> = {
  rm: (c) => {
    const tree = has(c.flags, 'r', '--recursive') || has(c.flags, 'R') ? { tree: true as const } : {};
    for (const o of c.operands) c.write(o, 'rm', { deletes: true, ...tree });
  },
  unlink: (c) =>
    each(c.operands, (o) => {
      c.write(o, 'unlink', { deletes: true });
    }),
  rmdir: (c) =>
    each(c.operands, (o) => {
      c.write(o, 'rmdir', { deletes: true });
    }),
  shred: (c) =>
    each(c.operands, (o) => {
      c.write(o, 'shred', has(c.flags, 'u') ? { deletes: true } : {});
    }),
  touch: (c) =>
    each(c.operands, (o) => {
      c.write(o, 'touch');
    }),
  truncate: (c) =>
    each(c.operands, (o) => {
      c.write(o, 'truncate');
    }),
  mkdir: (c) => {
    // `-p` makes the missing parents too.
    const parents = has(c.flags, 'p', '--parents');
    for (const o of c.operands) {
      c.write(o, 'mkdir');
      if (parents && o.value.static && !o.value.pattern)
        for (let at = o.value.text.indexOf('/', 1); at !== -1; at = o.value.text.indexOf('/', at + 1))
          c.write(withText(o, o.value.text.slice(0, at)), 'mkdir -p');
    }
  },
  tee: (c) =>
    each(c.operands, (o) => {
      // Its standard input is each file's whole text: with no option (not -a), when a heredoc gives it.
      const text = c.flags.length === 0 && c.stdin !== undefined ? { content: c.stdin } : {};
      c.write(o, has(c.flags, 'a', '--append') ? 'tee -a' : 'tee', text);
    }),
  chmod: (c) => modeLike(c),
  chown: (c) => modeLike(c),
  chgrp: (c) => modeLike(c),
  mv: (c) => copyLike(c, true),
  cp: (c) =>
    copyLike(
      c,
      false,
      has(c.flags, 's', '--symbolic-link') ? 'symbolic' : has(c.flags, 'l', '--link') ? 'hard' : undefined,
    ),
  ln: (c) => copyLike(c, false, has(c.flags, 's', '--symbolic') ? 'symbolic' : 'hard'),
  link: (c) => copyLike(c, false, 'hard'),
  install: (c) => {
    if (has(c.flags, 'd', '--directory'))
      each(c.operands, (o) => {
        c.write(o, 'install -d');
      });
    else copyLike(c, false);
  },
  dd: (c) => {
    for (const a of c.args) {
      if (!a.value.static) c.unknown(`an operand ${a.source} is not known`);
      else if (a.value.text.startsWith('of=')) {
        const text = a.value.text.slice(3);
        c.write({ ...a, value: { ...a.value, text, glob: a.value.glob.slice(3) } }, 'dd of=');
      }
    }
  },
  sed: (c) => {
    const inPlace = c.args.findIndex(
      (a) => a.value.static && (/^-[^-]*i/.test(a.value.text) || a.value.text.startsWith('--in-place')),
    );
    // `w file` and `s///w file` write a file, `e` and `s///e` run a command, with or without -i.
    const scripts = c.flags
      .filter((f) => /^-e=|^--expression=/.test(f))
      .map((f) => f.slice(f.indexOf('=') + 1));
    if (scripts.length === 0 && c.operands[0]?.value.static) scripts.push(c.operands[0].value.text);
    if (
      scripts.some(sedWritesOrRuns) ||
      c.flags.some((f) => /^-f=|^--file/.test(f)) ||
      (scripts.length === 0 && c.operands[0])
    )
      c.unknown(
        'the sed script writes a file or runs a command (w, e), or is not in the command',
        'runs-code',
      );
    if (inPlace === -1) return;
    // BSD sed: `-i ''` or `-i .bak` is the backup suffix, the next word; GNU takes it glued (`-i.bak`).
    const suffix = c.args[inPlace + 1];
    const bsdSuffix =
      c.args[inPlace]!.value.static &&
      /^-[^-]*i$/.test((c.args[inPlace]!.value as { text: string }).text) &&
      suffix?.value.static &&
      (suffix.value.text === '' || /^\.\w+$/.test(suffix.value.text));
    let operands = c.operands.filter((o) => !(bsdSuffix && o === suffix));
    // Without -e/-f, the first operand is the script.
    if (!c.flags.some((f) => /^-[ef]=|^--expression|^--file/.test(f))) operands = operands.slice(1);
    // A backup suffix (`-i.bak`, `--in-place=.bak`, BSD `-i .bak`) writes `file.bak` beside each file.
    const flag = (c.args[inPlace]!.value as { text: string }).text;
    const glued = flag.startsWith('--in-place=')
      ? flag.slice(11)
      : flag.startsWith('--')
        ? ''
        : flag.slice(flag.indexOf('i') + 1);
    const backup = bsdSuffix ? (suffix!.value as { text: string }).text : glued;
    for (const o of operands) {
      c.write(o, 'sed -i');
      if (backup !== '' && o.value.static && !backup.includes('*') && !backup.includes('/'))
        c.write(withText(o, o.value.text + backup), 'sed -i (backup)');
      else if (backup !== '') c.unknown(`sed writes a backup named by ${backup}`);
    }
  },
  perl: (c) => perlEffects(c),
  patch: (c) => {
    // `-o f` writes the patched file there, `-r f` the rejected hunks, `-B`/`-Y`/`-z` backups,
    // `-d dir` moves where it works (a red team's `patch -o slipway.yaml x p.diff` replaced it).
    const elsewhere = c.flags.some((f) =>
      f.startsWith('--')
        ? ['--output', '--reject-file', '--prefix', '--basename-prefix', '--suffix', '--directory'].some(
            (o) => isLongOption(f, o),
          )
        : f.startsWith('-') && 'orBYzd'.includes(firstValueShort(f, 'pdiorDFzBYV') ?? ' '),
    );
    if (elsewhere) c.unknown('patch writes a file an option names', 'targets');
    const target = c.operands[0];
    if (target) c.write(target, 'patch');
    else c.unknown('patch writes the files its patch names, which the command does not show');
  },
  sort: (c) => {
    // `-o f`, `-uof` (in a cluster, the rest of the word is the value), `--output f`, `--out=f`.
    const out = c.flags.some((f) =>
      f.startsWith('--')
        ? isLongOption(f, '--output')
        : f.startsWith('-') && firstValueShort(f, 'otSkT') === 'o',
    );
    if (out) c.unknown('sort -o writes its output file', 'targets');
  },
  uniq: (c) => {
    if (c.operands[1]) c.write(c.operands[1], 'uniq (output)');
  },
  awk: (c) => awkEffects(c),
  gawk: (c) => awkEffects(c),
  find: (c) => findEffects(c),
};

/** A sed script with a `w`/`W`/`e` command or an `s` command with a `w`/`e` flag. */
function sedWritesOrRuns(script: string): boolean {
  const address = String.raw`(?:\d+|\$|/(?:\\.|[^/])*/)`;
  const command = new RegExp(
    String.raw`(?:^|[;\n{}])\s*(?:${address}\s*(?:,\s*${address})?)?\s*!?\s*[wWe](?:\s|$|;)`,
  );
  const substitute = /s(.)(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1[a-zA-Z0-9]*[we]/;
  return command.test(script) || substitute.test(script);
}

/** In a cluster of short options (`-uo`), the first that takes a value: the rest of the word is its value. */
function firstValueShort(flag: string, withValue: string): string | undefined {
  for (const ch of flag.slice(1)) if (withValue.includes(ch)) return ch;
  return undefined;
}

function each(args: Arg[], fn: (a: Arg) => void): void {
  for (const a of args) fn(a);
}

function modeLike(c: WriterCall): void {
  const reference = c.flags.some((f) => f.startsWith('--reference'));
  const targets = reference ? c.operands : c.operands.slice(1);
  const tree = has(c.flags, 'R', '--recursive') ? { tree: true as const } : {};
  for (const o of targets) c.write(o, c.name, tree);
}

export function writerEffects(ctx: WalkContext, name: string, args: Arg[], cwds: Cwds, what: string): void {
  const { flags, operands } = split(name, args);
  const runs = runsProgramOption(name, flags);
  if (runs !== undefined) addUnknown(ctx, what, `${name} ${runs} runs the program it is given`, 'runs-code');
  WRITERS[name]!({
    name,
    args,
    flags,
    operands,
    write: (arg, how, { from, ...extra } = {}) => addWrite(ctx, cwds, arg, how, what, extra, from),
    unknown: (why, kind = 'targets') => addUnknown(ctx, what, why, kind),
    ...(ctx.stdin !== undefined ? { stdin: ctx.stdin } : {}),
    isWriter: (program) => program in WRITERS,
  });
}
