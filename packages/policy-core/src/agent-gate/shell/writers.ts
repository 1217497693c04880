import type { Arg, Cwds, WalkContext } from './context.js';
import { addUnknown, addWrite } from './context.js';

/**
 * Programs that write the files their arguments name, and how each reads its arguments. Each
 * gives its operands (options and their values skipped) to `write`, which adds one write each.
 */
type Writer = (ctx: WriterCall) => void;

interface WriterCall {
  name: string;
  args: Arg[];
  /** Options (`-r`, `--force`) and operands, split at the first `--`. */
  flags: string[];
  operands: Arg[];
  write(arg: Arg, how: string, extra?: { deletes?: true; tree?: true }): void;
  unknown(why: string, kind?: 'targets' | 'runs-code'): void;
}

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
      if (withValue.test(t) && args[i + 1]) {
        const next = args[++i]!;
        flags.push(`${t}=${next.value.static ? next.value.text : '?'}`);
      }
    } else operands.push(a);
  }
  return { flags, operands };
}

const has = (flags: string[], short: string, long?: string): boolean =>
  flags.some(
    (f) =>
      (f.startsWith('-') && !f.startsWith('--') && !f.includes('=') && f.includes(short)) ||
      (long !== undefined && f.startsWith(long)),
  );

/** `-t dir` / `--target-directory=dir`: the directory, as an argument, or undefined. */
function targetDir(call: WriterCall): Arg | undefined {
  const i = call.args.findIndex(
    (a) => a.value.static && (a.value.text === '-t' || a.value.text.startsWith('--target-directory')),
  );
  if (i === -1) return undefined;
  const a = call.args[i]!;
  if (a.value.static && a.value.text.startsWith('--target-directory=')) {
    const text = a.value.text.slice('--target-directory='.length);
    return { ...a, value: { static: true, text, glob: text, pattern: false } };
  }
  return call.args[i + 1];
}

/** mv, cp, ln, install: the last operand (or `-t dir`) is the destination; a file may land in it as dir/basename. */
function copyLike(call: WriterCall, moves: boolean): void {
  const dir = targetDir(call);
  const sources = dir ? call.operands.filter((o) => o !== dir) : call.operands.slice(0, -1);
  const dest = dir ?? call.operands[call.operands.length - 1];
  if (!dest) return;
  const recursive =
    has(call.flags, 'r', '--recursive') || has(call.flags, 'R') || has(call.flags, 'a', '--archive');
  call.write(dest, `${call.name} (to)`, recursive ? { tree: true } : {});
  for (const source of sources) {
    if (moves) call.write(source, 'mv (from)', { deletes: true });
    // The destination may be a directory: the source lands in it under its own name.
    if (source.value.static && dest.value.static && !has(call.flags, 'T', '--no-target-directory')) {
      const base = source.value.text.replace(/\/+$/, '').replace(/^.*\//, '');
      const text = `${dest.value.text.replace(/\/+$/, '')}/${base}`;
      const glob = `${dest.value.glob.replace(/\/+$/, '')}/${source.value.glob.replace(/\/+$/, '').replace(/^.*\//, '')}`;
      call.write(
        {
          ...dest,
          value: { ...dest.value, text, glob, pattern: dest.value.pattern || source.value.pattern },
        },
        `${call.name} (into)`,
        recursive ? { tree: true } : {},
      );
    }
  }
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
      c.write(o, has(c.flags, 'a', '--append') ? 'tee -a' : 'tee');
    }),
  chmod: (c) => modeLike(c),
  chown: (c) => modeLike(c),
  chgrp: (c) => modeLike(c),
  mv: (c) => copyLike(c, true),
  cp: (c) => copyLike(c, false),
  ln: (c) => copyLike(c, false),
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
    const target = c.operands[0];
    if (target) c.write(target, 'patch');
    else c.unknown('patch writes the files its patch names, which the command does not show');
  },
  sort: (c) => {
    const out = c.flags.find((f) => f.startsWith('-o=') || f.startsWith('--output='));
    if (out) c.unknown('sort -o writes its output file', 'targets');
  },
  uniq: (c) => {
    if (c.operands[1]) c.write(c.operands[1], 'uniq (output)');
  },
  awk: (c) => awkEffects(c),
  gawk: (c) => awkEffects(c),
  find: (c) => findEffects(c),
};

/** The argument with another static text (a prefix of it, a suffix added). */
function withText(arg: Arg, text: string): Arg {
  const notLiteral = arg.value.static ? arg.value.notLiteral : undefined;
  const glob = text.replace(/[*?[\]{}()!+@|\\]/g, '\\$&');
  return {
    ...arg,
    value: { static: true, text, glob, pattern: false, ...(notLiteral ? { notLiteral } : {}) },
  };
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

function perlEffects(c: WriterCall): void {
  let inPlace = false;
  let code: string | undefined;
  let codeDynamic = false;
  const files: Arg[] = [];
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i]!;
    const t = a.value.static ? a.value.text : undefined;
    if (t !== undefined && /^-[^-]/.test(t) && code === undefined) {
      const letters = t.slice(1);
      const e = letters.search(/[eE]/);
      const iAt = letters.indexOf('i');
      if (iAt !== -1 && (e === -1 || iAt < e)) inPlace = true;
      if (e !== -1) {
        const next = c.args[++i];
        if (next?.value.static) code = next.value.text;
        else codeDynamic = true;
      }
    } else if (code === undefined && !codeDynamic) {
      // The first operand is the script file.
      c.unknown('perl runs a script Slipway does not read', 'runs-code');
      return;
    } else files.push(a);
  }
  if (inPlace) for (const f of files) c.write(f, 'perl -i');
  // A substitution or transliteration alone writes nothing else; any other code may.
  const simple =
    code !== undefined &&
    /^\s*(s|y|tr)([^\w\s]).*\2.*\2[a-z]*;?\s*$/s.test(code) &&
    !/\be\w*$|system|open|unlink|rename|`/.test(code);
  if (!simple) c.unknown('perl runs code Slipway does not read', 'runs-code');
}

/** awk writes with `print > "f"`, `system()`, a pipe to a command; a program with none of them only reads. */
function awkEffects(c: WriterCall): void {
  const program = c.args.find((a) => !(a.value.static && a.value.text.startsWith('-')));
  if (
    !program?.value.static ||
    /[>|]|system|getline|-f/.test(program.value.text) ||
    c.flags.some((f) => f.startsWith('-f'))
  )
    c.unknown('awk runs a program that may write files', 'runs-code');
}

function findEffects(c: WriterCall): void {
  const roots: Arg[] = [];
  for (const a of c.args) {
    if (a.value.static && /^[-(!]/.test(a.value.text)) break;
    roots.push(a);
  }
  if (roots.length === 0)
    roots.push({ ...c.args[0]!, source: '.', value: { static: true, text: '.', glob: '.', pattern: false } });
  const texts = c.args.map((a) => (a.value.static ? a.value.text : ''));
  const exec = texts.findIndex((t) => /^-(exec|execdir|ok|okdir)$/.test(t));
  for (let i = 0; i < texts.length; i++)
    if (/^-f(print0?|printf|ls)$/.test(texts[i]!) && c.args[i + 1])
      c.write(c.args[i + 1]!, `find ${texts[i]}`);
  if (texts.includes('-delete'))
    for (const r of roots) c.write(r, 'find -delete', { deletes: true, tree: true });
  if (exec !== -1) {
    const program = texts[exec + 1]?.replace(/^.*\//, '') ?? '';
    if (
      ['grep', 'cat', 'ls', 'head', 'wc', 'stat', 'file', 'echo', 'test', 'sha256sum', 'md5sum'].includes(
        program,
      )
    )
      return;
    if (WRITERS[program] && program !== 'find')
      for (const r of roots)
        c.write(r, `find -exec ${program}`, {
          tree: true,
          ...(program === 'rm' ? { deletes: true as const } : {}),
        });
    else c.unknown(`find runs ${program || 'a command'} on each file it finds`, 'runs-code');
  }
}

export function writerEffects(ctx: WalkContext, name: string, args: Arg[], cwds: Cwds, what: string): void {
  const { flags, operands } = split(name, args);
  WRITERS[name]!({
    name,
    args,
    flags,
    operands,
    write: (arg, how, extra = {}) => addWrite(ctx, cwds, arg, how, what, extra),
    unknown: (why, kind = 'targets') => addUnknown(ctx, what, why, kind),
  });
}
