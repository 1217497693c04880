import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShellEffects, ShellWrite } from '../../../src/agent-gate/shell/index.js';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { changedPaths, snapshot } from './tree-snapshot.js';

/**
 * The oracle: each command runs in real bash in a copy of one small work tree (a git repository,
 * HOME beside it, nothing outside), and every path it added, removed or changed (content, mode,
 * mtime) must be one shellEffects names (exactly, under a `tree` write, or matched by a
 * `pattern` one), or the command must be listed as unknown. Read-only commands must change
 * nothing and report nothing. Exact writes must really change (no false alarm) unless the row
 * says the write is only possible (`cd x; rm f`, `mv a dir`).
 */
type Row = [command: string, kind: 'writes' | 'read-only' | 'unknown', loose?: 'loose'];

const ROWS: Row[] = [
  // read-only: nothing changes, nothing is reported
  ['ls -la && cat a.txt | head -1 && wc -l a.txt', 'read-only'],
  ["grep -r '>' . > /dev/null; echo '> protected.txt'", 'read-only'],
  ['git status && git diff && git log --oneline -- a.txt', 'read-only'],
  ["sed -n '1p' a.txt; awk '{ print $1 }' a.txt", 'read-only'],
  ['cat <<EOF\n> protected.txt\nEOF', 'read-only'],
  ['ls 2>/dev/null; echo oops >&2; echo x 2>&1', 'read-only'],
  ['find . -name "*.txt" -exec grep -l a {} +', 'read-only'],
  ['ls | xargs grep -l a; command -v rm', 'read-only'],
  ['git checkout -q -b feature', 'read-only'],
  ["test -f a.txt && [ -d sub ] && printf '%s\\n' x", 'read-only'],
  ['mapfile -t lines < a.txt; echo "$lines"', 'read-only'],
  ['echo $(cat a.txt) "$(ls sub)" | tr a b', 'read-only'],
  // redirects
  ['echo x > protected.txt', 'writes'],
  ['echo x >> a.txt', 'writes'],
  ['echo x >| a.txt', 'writes'],
  ['ls &> out.log', 'writes'],
  ['ls &>> a.txt', 'writes'],
  ['echo x 1<> a.txt', 'writes'],
  ['echo x >& out.txt', 'writes'],
  ['ls nope 2> err.txt', 'writes'],
  ["cat > new.sql <<'EOF'\nDROP TABLE x;\nEOF", 'writes'],
  ['cat <<EOF > new.txt\nhello\nEOF', 'writes'],
  ['echo x > ~/.profile', 'writes'],
  ['echo x > "$HOME/rc"', 'writes'],
  ['{ echo a; echo b; } > block.txt', 'writes'],
  ['(echo a) > sub.txt', 'writes'],
  ['for i in 1 2; do echo $i; done > loop.txt', 'writes'],
  // writers
  ['\\rm a.txt', 'writes'],
  ["'rm' a.txt", 'writes'],
  ['/bin/rm a.txt', 'writes'],
  ['command rm a.txt', 'writes'],
  ['env A=1 nice -n 1 timeout 5 rm a.txt', 'writes'],
  ['rm -rf sub', 'writes'],
  // A link made and written through in one command writes its target.
  ['ln -s a.txt l && echo x > l', 'writes', 'loose'],
  ['ln -sT ../a.txt sub/l && echo x >> sub/l', 'writes', 'loose'],
  ['ln a.txt hard && echo x >> hard', 'writes', 'loose'],
  ['cp -s a.txt l2 && echo x >> l2', 'writes', 'loose'],
  ['rm migrations/*.sql', 'writes'],
  ['rm {a,b}.txt', 'writes'],
  ['rmdir empty; unlink b.txt', 'writes'],
  ['touch a.txt new.txt', 'writes'],
  ['truncate -s 0 a.txt', 'writes'],
  ['mkdir -p made/deeper', 'writes'],
  ['echo x | tee t1.txt | tee -a a.txt', 'writes'],
  ["sed -i 's/a/b/' a.txt", 'writes'],
  ["sed --in-place=.bak 's/a/b/' a.txt", 'writes'],
  ["perl -pi -e 's/a/b/' a.txt", 'writes'],
  ["perl -i.bak -pe 's/a/b/' a.txt", 'writes'],
  ['> empty.txt', 'writes'],
  ['exec > exec.txt; echo x', 'writes'],
  ['mv a.txt moved.txt', 'writes'],
  ['mv a.txt sub', 'writes', 'loose'],
  ['cp a.txt sub/', 'writes', 'loose'],
  ['cp -t sub a.txt b.txt', 'writes', 'loose'],
  ['cp -r sub copy', 'writes', 'loose'],
  // Loose: its target is named too, written only through the link later.
  ['ln -s a.txt link.txt', 'writes', 'loose'],
  ['install -m 644 a.txt installed.txt', 'writes'],
  ['dd if=a.txt of=dd.out status=none', 'writes'],
  ['chmod 600 a.txt', 'writes'],
  ['cd sub && rm f', 'writes'],
  ['cd sub; rm f', 'writes', 'loose'],
  ['(cd sub && rm f); rm a.txt', 'writes'],
  ['pushd sub >/dev/null && rm f', 'writes'],
  ['cd sub && cd .. && rm a.txt', 'writes'],
  ['find . -name "*.bak" -delete', 'writes', 'loose'],
  ['find src -name "*.bak" -exec rm {} \\;', 'writes', 'loose'],
  ['eval "rm -f a.txt"', 'writes'],
  ['bash -c "rm a.txt"', 'writes'],
  ["sh -c 'echo x > inner.txt'", 'writes'],
  ['f() { rm a.txt; }; f', 'writes'],
  ['echo "$(rm b.txt)"', 'writes'],
  ['diff <(rm b.txt) a.txt || true', 'writes'],
  // git
  ['git rm -q old.txt', 'writes'],
  ['git mv old.txt renamed.txt', 'writes'],
  ['echo junk > old.txt; git checkout -- old.txt', 'writes'],
  ['echo junk > old.txt; git restore old.txt', 'writes'],
  ['git -C sub rm -q f', 'writes'],
  ['git clean -fdq', 'writes', 'loose'],
  // unknown: the gate cannot name the files
  ['X=rm; $X a.txt', 'unknown'],
  ['$(echo rm) a.txt', 'unknown'],
  ['F=a.txt; echo x > "$F"', 'unknown'],
  ['echo x > $(echo a.txt)', 'unknown'],
  ['ls *.txt | xargs rm', 'unknown'],
  ["python3 -c \"open('py.txt', 'w')\"", 'unknown'],
  ["perl -e 'unlink q(a.txt)'", 'unknown'],
  ['D=sub; cd $D && rm f', 'unknown'],
  ['echo "rm a.txt" > s.sh; bash s.sh', 'unknown'],
  ['git stash -q', 'unknown'],
  ['git checkout -q other', 'unknown'],
  ['awk \'BEGIN { print 1 > "awk.txt" }\'', 'unknown'],
  ["sed -n 'w sedout.txt' a.txt", 'unknown'],
  ["sed 's/hello world/we were/g; /a/p' a.txt", 'read-only'],
  // tar that lists writes nothing; the options that run a program or write a file while listing
  ['tar tzf pack.tar.gz && tar -tvzf pack.tar.gz a.txt && tar --list --gzip --file=pack.tar.gz', 'read-only'],
  [
    'tar -tzfpack.tar.gz; tar tvzf - < pack.tar.gz; tar -t -z -C sub -f pack.tar.gz --wildcards "*.txt"',
    'read-only',
  ],
  ['tar -tzf pack.tar.gz --index-file=idx.txt', 'unknown'],
  ["tar -tzf pack.tar.gz --checkpoint=1 --checkpoint-action=exec='touch ran'", 'unknown'],
  ['tar -t -I \'sh -c "touch ran; gzip -dc"\' -f pack.tar.gz', 'unknown'],
  ['tar -tzf pack.tar.gz -g snap.txt', 'unknown'],
  ["TAR_OPTIONS='--index-file=idx.txt' tar tzf pack.tar.gz", 'unknown'],
  ['tar xzf pack.tar.gz', 'unknown'],
];

let root: string;
/** Per row: the paths its command changed, `~/x` for HOME's. */
let changedByRow: string[][];

/**
 * Every row's command runs in its own copy of one template (a git repository in work/, an empty
 * HOME in home/), all from one bash script: one process for the whole table, a copy and a
 * subshell per row. The template's snapshot is every copy's "before" (`cp -a` keeps times).
 */
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'slipway-shell-oracle-'));
  const template = join(root, 'template');
  const work = join(template, 'work');
  for (const dir of ['sub', 'migrations', 'src', 'empty']) mkdirSync(join(work, dir), { recursive: true });
  mkdirSync(join(template, 'home'));
  const files: Record<string, string> = {
    'a.txt': 'a line\n',
    'b.txt': 'b\n',
    'protected.txt': 'keep\n',
    'old.txt': 'old\n',
    'sub/f': 'f\n',
    'migrations/1.sql': 'select 1;\n',
    'migrations/2.sql': 'select 2;\n',
    'src/x.bak': 'bak\n',
    'src/keep.ts': 'ts\n',
  };
  for (const [path, text] of Object.entries(files)) writeFileSync(join(work, path), text);
  // An archive for the tar rows, made by tar itself.
  execFileSync('tar', ['czf', 'pack.tar.gz', 'a.txt', 'sub'], { cwd: work });
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: work, stdio: 'ignore', env: env(template) });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'base');
  git('branch', 'other');
  // Times in the past: a write in the same millisecond as the copy still moves the mtime.
  const past = new Date(Date.now() - 3600_000);
  for (const path of [...Object.keys(files), 'pack.tar.gz']) utimesSync(join(work, path), past, past);
  // Rows that run no git get a copy without .git: less to copy.
  const plain = join(root, 'plain');
  execFileSync('cp', ['-a', template, plain]);
  rmSync(join(plain, 'work', '.git'), { recursive: true, force: true });
  const before = snapshot(template);
  // Rows run twelve at a time (each in its own copy): the machine waits on process starts more
  // than it computes.
  const script = ROWS.map(([command], n) => {
    writeFileSync(join(root, `cmd-${n}`), command);
    const dir = join(root, `case-${n}`);
    const from = /\bgit\b/.test(command) ? template : plain;
    const row = `{ cp -a '${from}' '${dir}' && cd '${dir}/work' && HOME='${dir}/home' exec bash '${root}/cmd-${n}'; } >/dev/null 2>&1 </dev/null &`;
    return n % 12 === 11 ? `${row}\nwait` : row;
  })
    .concat('wait')
    .join('\n');
  writeFileSync(join(root, 'run.sh'), script);
  spawnSync('bash', [join(root, 'run.sh')], {
    cwd: root,
    env: env(template),
    stdio: 'ignore',
    timeout: 60_000,
  });
  changedByRow = ROWS.map((_, n) =>
    changedPaths(before, snapshot(join(root, `case-${n}`))).map((p) =>
      p.startsWith('home/') ? `~/${p.slice(5)}` : p.replace(/^work\//, ''),
    ),
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Only what bash and git need: no user config, no network, HOME in the temp dir. */
function env(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: join(dir, 'home'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  };
}

function covers(write: ShellWrite, path: string): boolean {
  // `git rm`, `rm` of a directory's last file: git removes the directory it emptied.
  if (write.deletes && write.how.startsWith('git') && write.path.startsWith(`${path}/`)) return true;
  const named = write.notLiteral === '$HOME' ? write.path.replace(/^\$HOME/, '~') : write.path;
  if (write.pattern)
    return (
      minimatch(path, named, { dot: true }) ||
      (write.tree === true && minimatch(path, `${named}/**`, { dot: true }))
    );
  const dir = named === '.' ? '' : named;
  return named === path || (write.tree === true && (dir === '' || path.startsWith(`${dir}/`)));
}

describe('shellEffects against real bash (oracle)', () => {
  it.each(ROWS.map(([command, kind, loose], n) => [command, kind, loose ?? 'exact', n] as const))(
    '%s (%s)',
    async (command, kind, loose, n) => {
      const effects: ShellEffects = await shellEffects(command);
      const changed = changedByRow[n as number]!;
      expect(effects.unreadable).toBeUndefined();
      if (kind === 'read-only') {
        expect({ changed, writes: effects.writes, unknown: effects.unknown }).toEqual({
          changed: [],
          writes: [],
          unknown: [],
        });
        return;
      }
      if (kind === 'unknown') {
        expect(effects.unknown.length).toBeGreaterThan(0);
        return;
      }
      expect(changed.length).toBeGreaterThan(0);
      expect(effects.unknown).toEqual([]);
      // No miss: every changed path is named.
      expect(changed.filter((p) => !effects.writes.some((w) => covers(w, p)))).toEqual([]);
      // No false alarm: every exact write changed (a directory's write shows as a path under it).
      if (loose !== 'loose') {
        const exact = effects.writes.filter((w) => !w.pattern && !w.tree && !w.how.endsWith('(into)'));
        const named = (w: ShellWrite) => (w.notLiteral === '$HOME' ? w.path.replace(/^\$HOME/, '~') : w.path);
        expect(
          exact
            .filter((w) => !changed.some((p) => p === named(w) || p.startsWith(`${named(w)}/`)))
            .map(named),
        ).toEqual([]);
      }
    },
  );
});
