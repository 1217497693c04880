import type { Arg } from './context.js';
import { argText } from './context.js';
import { findNameTests } from './find-tests.js';
import type { WriterCall } from './writer-call.js';
import { withText } from './writer-call.js';

/**
 * Writers whose arguments are code or an expression (`perl -pi -e`, `awk`, `find -delete`/`-exec`):
 * what the code shows is read, and what it could do beyond that is unknown.
 */
export function perlEffects(c: WriterCall): void {
  let inPlace = false;
  let code: string | undefined;
  let codeDynamic = false;
  let backup = '';
  const files: Arg[] = [];
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i]!;
    const t = a.value.static ? a.value.text : undefined;
    if (t !== undefined && /^-[^-]/.test(t) && code === undefined) {
      // A bundle of switches: `-i` takes the rest as the backup extension (`-pi.bak`, and `-pie`
      // is `-p -i` with extension `e`), `-e` the rest or the next word as the code.
      const letters = t.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const ch = letters[k];
        if (ch === 'i') {
          inPlace = true;
          backup = letters.slice(k + 1);
          break;
        }
        if (ch === 'e' || ch === 'E') {
          const rest = letters.slice(k + 1);
          const next = rest ? undefined : c.args[++i];
          if (rest) code = rest;
          else if (next?.value.static) code = next.value.text;
          else codeDynamic = true;
          break;
        }
        if (ch === 'M' || ch === 'm' || ch === 'I' || ch === 'x' || ch === 'C') break;
      }
    } else if (code === undefined && !codeDynamic) {
      // The first operand is the script file.
      c.unknown('perl runs a script Slipway does not read', 'runs-code');
      return;
    } else files.push(a);
  }
  if (inPlace)
    for (const f of files) {
      c.write(f, 'perl -i');
      if (backup !== '' && f.value.static && !backup.includes('*') && !backup.includes('/'))
        c.write(withText(f, f.value.text + backup), 'perl -i (backup)');
      else if (backup !== '') c.unknown(`perl writes a backup named by ${backup}`);
    }
  // A substitution or transliteration alone writes nothing else; any other code may.
  const simple =
    code !== undefined &&
    /^\s*(s|y|tr)([^\w\s]).*\2.*\2[a-z]*;?\s*$/s.test(code) &&
    !/\be\w*$|system|open|unlink|rename|`/.test(code);
  if (!simple) c.unknown('perl runs code Slipway does not read', 'runs-code');
}

/**
 * awk writes with `print > "f"`, `system()`, a pipe to a command; a program with none of them only
 * reads. Its options are read as awk reads them: `-F sep` and `-v var=value` take the next word
 * (which is not the program: `awk -v a=1 'BEGIN{system(…)}'`), and any other option may load
 * code or make awk write (gawk's `-i inplace` edits its files in place, `-f`/`-e`/`-E` name the
 * program elsewhere, `-l` loads a library), as may `@include`/`@load` in the program.
 */
export function awkEffects(c: WriterCall): void {
  const unknown = () => c.unknown('awk runs a program that may write files', 'runs-code');
  let program: Arg | undefined;
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i]!;
    if (!a.value.static) return void unknown();
    const t = a.value.text;
    if (t === '--') {
      program = c.args[i + 1];
      break;
    }
    if (!t.startsWith('-') || t === '-') {
      program = a;
      break;
    }
    if (t === '-F' || t === '-v') i++;
    else if (!/^-[Fv]./.test(t)) return void unknown();
  }
  if (!program?.value.static || /[>|@]|system|getline/.test(program.value.text)) unknown();
}

export function findEffects(c: WriterCall): void {
  // Options before the roots: -H, -L, -P, -D debugopts, -Olevel (GNU find's synopsis).
  let start = 0;
  let follows = false;
  for (; start < c.args.length; start++) {
    const t = argText(c.args[start]);
    if (t === '-L') follows = true;
    else if (t === '-D') start++;
    else if (t !== '-H' && t !== '-P' && !/^-O\d*$/.test(t ?? '')) break;
  }
  const roots: Arg[] = [];
  for (const a of c.args.slice(start)) {
    if (a.value.static && /^[-(!]/.test(a.value.text)) break;
    roots.push(a);
  }
  // Which files -delete removes, when the expression says so plainly (find-tests.ts); not with
  // -L, which follows links the gate's listing does not.
  const tests = follows ? undefined : findNameTests(c.args.slice(start + roots.length));
  if (roots.length === 0)
    roots.push({ ...c.args[0]!, source: '.', value: { static: true, text: '.', glob: '.', pattern: false } });
  const texts = c.args.map((a) => (a.value.static ? a.value.text : ''));
  const exec = texts.findIndex((t) => /^-(exec|execdir|ok|okdir)$/.test(t));
  for (let i = 0; i < texts.length; i++)
    if (/^-f(print0?|printf|ls)$/.test(texts[i]!) && c.args[i + 1])
      c.write(c.args[i + 1]!, `find ${texts[i]}`);
  if (texts.includes('-delete'))
    for (const r of roots) {
      const root = tests && argText(r);
      c.write(r, 'find -delete', {
        deletes: true,
        tree: true,
        ...(root ? { matching: { root, tests: tests! } } : {}),
      });
    }
  if (exec !== -1) {
    const program = texts[exec + 1]?.replace(/^.*\//, '') ?? '';
    if (
      ['grep', 'cat', 'ls', 'head', 'wc', 'stat', 'file', 'echo', 'test', 'sha256sum', 'md5sum'].includes(
        program,
      )
    )
      return;
    if (c.isWriter(program) && program !== 'find')
      for (const r of roots)
        c.write(r, `find -exec ${program}`, {
          tree: true,
          ...(program === 'rm' ? { deletes: true as const } : {}),
        });
    else c.unknown(`find runs ${program || 'a command'} on each file it finds`, 'runs-code');
  }
}
