import { describe, expect, it } from 'vitest';
import { shellEffects } from '../../../src/agent-gate/shell/index.js';
import { summarize } from './summarize.js';

/**
 * Each attack beside its near miss: [name, command, writes (see summarize), unknown kinds].
 * The oracle (shell-oracle.test.ts) runs the file-system ones with real bash; these pin the
 * representation and the cases bash cannot show here (pushes, hooks, interpreters).
 */
type Row = [name: string, command: string, writes: string[], unknown?: string[]];

const ROWS: Row[] = [
  ['redirect into a file', 'echo x > protected.txt', ['protected.txt']],
  ['near miss: the > is quoted', "echo '> protected.txt'", []],
  ['near miss: grep for a >', "grep '>' file.txt", []],
  ['near miss: stderr to /dev/null', 'ls 2>/dev/null', []],
  ['near miss: stdout to /dev/null', 'ls > /dev/null', []],
  ['near miss: >&2 is a descriptor', 'echo oops >&2', []],
  ['>& with a file name writes the file', 'echo x >& out.txt', ['out.txt']],
  [
    'clobber, append, &>, &>>, <>',
    'a >| f1; a >> f2; a &> f3; a &>> f4; a <> f5',
    ['f1', 'f2', 'f3', 'f4', 'f5'],
    ['unknown-program'],
  ],
  ['near miss: heredoc to stdout', 'cat <<EOF\n> x\nEOF', []],
  ['heredoc into a file', "cat > f.sql <<'EOF'\nDROP TABLE x;\nEOF", ['f.sql']],
  ['backslash-escaped command name', '\\rm f', ['f -']],
  ['quoted command name', "'rm' f", ['f -']],
  ['absolute path to rm', '/bin/rm f', ['f -']],
  ['command rm', 'command rm f', ['f -']],
  ['near miss: command -v rm', 'command -v rm', []],
  ['busybox rm', 'busybox rm f', ['f -']],
  ['sudo env timeout nice wrappers', 'sudo -u root env A=1 timeout 5 nice -n 2 rm f', ['f -']],
  ['eval of a static string', 'eval "rm -rf x"', ['x - /']],
  ['bash -c with a literal string', 'bash -c "rm f"', ['f -']],
  ['sh -c with a redirect inside', "sh -c 'echo x > f'", ['f']],
  ['bash -c nested in bash -c', `bash -c "bash -c 'rm deep'"`, ['deep -']],
  ['a variable as the command name', 'X=rm; $X f', [], ['dynamic']],
  ['a command substitution as the command name', '$(echo rm) f', [], ['dynamic']],
  ['near miss: a substitution as an argument of echo', 'echo $(date)', []],
  ['a write inside a command substitution', 'echo "$(rm f)"', ['f -']],
  ['a redirect target from a variable', 'echo x > "$F"', [], ['dynamic']],
  ['a redirect target from a substitution', 'echo x > $(pick)', [], ['dynamic', 'unknown-program']],
  ['a target under ~ is not literal', 'echo x > ~/.bashrc', ['~/.bashrc ~']],
  ['a target under $HOME is not literal', 'echo x > "$HOME/.bashrc"', ['$HOME/.bashrc ~']],
  [`near miss: \${HOME:-x} is not the home directory`, `echo x > \${HOME:-/tmp}/a`, [], ['dynamic']],
  ['brace expansion makes words, whatever is on disk', 'rm {a,b}.txt', ['a.txt -', 'b.txt -']],
  [
    'a word left a glob by brace expansion',
    'rm {a,b}/*.txt "{c,d}"',
    ['a/*.txt * -', 'b/*.txt * -', '{c,d} -'],
  ],
  ['a backup by braces moves the file', 'mv f{,.bak}', ['f.bak / < f', 'f -']],
  ['a lone glob in the destination place is sources too', 'mv *.py', ['*.py * / < *.py *', '*.py * -']],
  ['a glob is a pattern', 'rm migrations/*.sql', ['migrations/*.sql * -']],
  ['near miss: a quoted star is literal', "rm 'a*b'", ['a*b -']],
  ['cd then rm is relative to the new directory', 'cd sub && rm f', ['sub/f -']],
  ['cd; rm: either directory', 'cd sub; rm f', ['sub/f -', 'f -']],
  ['cd || rm: the original directory', 'cd sub || rm f', ['f -']],
  ['a subshell cd stays inside', '(cd sub && rm a); rm b', ['sub/a -', 'b -']],
  ['pushd', 'pushd sub && rm f', ['sub/f -']],
  ['cd to a variable, then a relative write', 'cd "$D" && rm f', [], ['cwd']],
  ['near miss: cd to a variable, then an absolute write', 'cd "$D" && rm /tmp/x', ['/tmp/x -']],
  ['cd in a loop leaves the directory unknown', 'for d in a b; do cd $d; rm f; done', [], ['cwd']],
  ['find -delete writes under its root', 'find src -name "*.bak" -delete', ['src - /']],
  ['find -L: the root after the options', 'find -L /r -delete', ['/r - /']],
  ['find -D tree -O2: the root after the options', 'find -D tree -O2 src -delete', ['src - /']],
  ['find -exec rm', 'find . -name x -exec rm {} \\;', ['. - /']],
  ['near miss: find -exec grep', 'find . -name "*.ts" -exec grep -l x {} +', []],
  // What xargs reads is unknown; where it runs, the words it names and the folder before its
  // replace string are written whole.
  ['xargs rm: targets unknown, where it runs', 'ls | xargs rm -f', ['. - /'], ['targets']],
  ['xargs -0 rm after a cd', 'cd db && find . -print0 | xargs -0 rm', ['db - /'], ['targets']],
  [
    'xargs rm with a name of its own',
    'echo | xargs rm slipway.yaml',
    ['. - /', 'slipway.yaml - /'],
    ['targets'],
  ],
  ['xargs -I{} rm under a folder', 'ls /r/db | xargs -I{} rm /r/db/{}', ['/r/db - /'], ['targets']],
  ['xargs -i mv into a folder', 'ls | xargs -i mv {} core/', ['. - /', 'core - /'], ['targets']],
  ['BSD xargs -J mv into a folder', 'ls | xargs -J % mv % core', ['. - /', 'core - /'], ['targets']],
  ['xargs git rm', 'ls | xargs git rm -q', ['. - /'], ['targets']],
  ['xargs touch', 'ls | xargs touch', ['. /'], ['targets']],
  ['near miss: xargs grep', 'ls | xargs grep -l x', []],
  ['near miss: xargs git log', 'ls | xargs git log --oneline', []],
  ['python -c runs code', `python3 -c "open('f','w')"`, [], ['runs-code']],
  ['node -e runs code', "node -e \"require('fs').rmSync('f')\"", [], ['runs-code']],
  ['perl -e runs code', "perl -e 'unlink q(f)'", [], ['runs-code']],
  ['perl -pi with a substitution', "perl -pi -e 's/a/b/g' f.txt", ['f.txt']],
  ['perl -i.bak writes a backup too', "perl -i.bak -pe 's/a/b/' f.txt", ['f.txt', 'f.txt.bak']],
  [
    'perl -pie: -i with extension e, the code is a script file',
    "perl -pie 's/a/b/' f.txt",
    [],
    ['runs-code'],
  ],
  ['a script file runs code', 'bash deploy.sh', [], ['runs-code']],
  ['source runs code', 'source env.sh', [], ['runs-code']],
  ['near miss: pytest, npm test, go test', 'python -m pytest -q && npm test && go test ./...', []],
  ['npm run build runs a script', 'npm run build', [], ['runs-code']],
  ['an unknown program', 'frobnicate --all', [], ['unknown-program']],
  ['sed -i GNU', "sed -i 's/a/b/' f.txt", ['f.txt']],
  ['sed -i BSD with an empty suffix', "sed -i '' -e 's/a/b/' f.txt", ['f.txt']],
  ['sed --in-place=.bak writes a backup too', "sed --in-place=.bak 's/a/b/' f.txt", ['f.txt', 'f.txt.bak']],
  ['near miss: sed -n prints', "sed -n '1,5p' f.txt", []],
  ['sed w writes a file', "sed -n 'w copy.txt' f.txt", [], ['runs-code']],
  ['sed s///e runs a command', "sed 's/.*/rm f/e' f.txt", [], ['runs-code']],
  ['sed -i with a w flag', "sed -i 's/a/b/w log' f.txt", ['f.txt'], ['runs-code']],
  ['near miss: sed with "we" in its text', "sed 's/hello/we were/g; /error/p' f.txt", []],
  ['rg --pre runs a program', 'rg --pre ./x pattern', [], ['runs-code']],
  ['near miss: rg with a pattern', 'rg -n pre src', []],
  ['fd -x runs a program', 'fd -e bak -x rm', [], ['runs-code']],
  ['fd --exec= runs a program', 'fd -e bak --exec=rm', [], ['runs-code']],
  ['fd in a bundle runs a program', 'fd -Hx rm', [], ['runs-code']],
  ['fd attached runs a program', 'fd -xrm', [], ['runs-code']],
  ['fd --exec-batch= runs a program', 'fd . --exec-batch=rm', [], ['runs-code']],
  ['near miss: fd with a pattern and a type', 'fd -H -t f exec src', []],
  ['git config core.pager arms a later git', "git config core.pager 'rm f'", [], ['runs-code']],
  [
    'near miss: git config user.name, --get core.pager',
    'git config user.name x && git config --get core.pager',
    [],
  ],
  ['git grep -O runs a program', 'git grep -Orm x', [], ['runs-code']],
  ['tee -a', 'echo x | tee -a log.txt', ['log.txt']],
  ['mv writes both ends', 'mv a.txt b.txt', ['b.txt / < a.txt', 'a.txt -']],
  // What a copy or a move lands is its source's: the source is named, for the gate to map the file,
  // or the files under a folder, onto the destination with their text (shell-copy-writes.test.ts).
  ['cp -r names its source', 'cp -r w .github', ['.github / < w']],
  ['cp -r src/. lands as dest', 'cp -r w/. .vscode', ['.vscode / < w as']],
  ['cp -r src/ may land as dest (BSD)', 'cp -r w/ .vscode', ['.vscode / < w contents']],
  ['cp -rT lands as dest', 'cp -rT w .vscode', ['.vscode / < w as']],
  ['several sources land in dest', 'mv a b d', ['d / < a in', 'd / < b in', 'a -', 'b -']],
  ['cd then mv: both ends from there', 'cd sub && mv w ../.github', ['.github / < sub/w', 'sub/w -']],
  ['a glob source', 'mv w* .github', ['.github / < w* *', 'w* * -']],
  ['a source the text does not give', 'cp -r "$X" .github', ['.github / < "$X" ?']],
  ['git mv names its source', 'git mv w .github', ['.github / < w', 'w -']],
  [
    'cp without -r names its source too (a folder is skipped, a file lands)',
    'cp w .github',
    ['.github / < w'],
  ],
  ['cp -t dir', 'cp -t dest a.txt', ['dest / < a.txt in']],
  ['dd of=', 'dd if=/dev/zero of=disk.img bs=1 count=1', ['disk.img']],
  ['chmod is a metadata write', 'chmod 600 key.pem', ['key.pem']],
  ['git rm', 'git rm -q old.txt', ['old.txt -']],
  ['git rm --cached: the next commit removes it', 'git rm --cached old.txt', ['old.txt -']],
  ['git checkout -- path', 'git checkout -- app.py', ['app.py /']],
  ['git checkout <branch> rewrites the work tree', 'git checkout main', [], ['targets']],
  ['near miss: git checkout -b new', 'git checkout -b feature', []],
  ['git -C dir restore', 'git -C sub restore app.py', ['sub/app.py /']],
  ['git apply: patch content unknown', 'git apply fix.patch', [], ['targets']],
  ['near miss: git apply --check', 'git apply --check fix.patch', []],
  ['near miss: git status, diff, log -- path', 'git status && git diff && git log -- migrations/', []],
  ['a git alias defined inline', "git -c alias.x='!rm f' x", [], ['runs-code']],
  ['a function defined and called', 'f() { rm x; }; f', ['x -']],
  ['near miss: read-only pipeline', 'cat f | head -5 | grep x | wc -l', []],
  ['a local script named like a reader (./ls)', './ls', [], ['unknown-program']],
  ['near miss: /usr/bin/ls is ls', '/usr/bin/ls -la', []],
  ['PATH set before a reader', 'PATH=.:$PATH ls', [], ['runs-code']],
  ['export PATH, then a reader', 'export PATH=.; ls', [], ['runs-code']],
  ['BASH_ENV runs a file before bash -c', "BASH_ENV=evil.sh bash -c 'ls'", [], ['runs-code']],
  ['near miss: an ordinary variable before a reader', 'LANG=C ls', []],
  ['env PATH=. before a reader', 'env PATH=. ls', [], ['runs-code']],
  ['near miss: env LANG=C before a reader', 'env LANG=C ls', []],
  ['an alias replaces a reader', "shopt -s expand_aliases\nalias ls='rm f'\nls", [], ['runs-code']],
  ['near miss: alias listing', 'alias', []],
  ['hash -p points a name elsewhere', 'hash -p ./evil ls; ls', [], ['runs-code']],
  ['git -c core.pager runs a program', "git -c core.pager='rm f' log", [], ['runs-code']],
  ['git -c core.fsmonitor runs a program', "git -c core.fsmonitor='rm f' status", [], ['runs-code']],
  ['near miss: git -c color.ui=never', 'git -c color.ui=never log', []],
  ['GIT_SSH_COMMAND runs a program on push', "GIT_SSH_COMMAND='rm f' git fetch", [], ['runs-code']],
  ['an unquoted heredoc runs its substitutions', 'cat <<EOF\n$(rm f)\nEOF', ['f -']],
  ['a process substitution runs', 'diff <(rm f) g', ['f -']],
  ['awk with a print redirect', `awk '{ print > "out" }' f`, [], ['runs-code']],
  ['near miss: awk that only prints', "awk '{ print $1 }' f", []],
  // Found by a red team: gawk's -i inplace edits its files; -v's value was read as the program.
  ['gawk -i inplace edits in place', `awk -i inplace '{ print "x" }' core/m.py`, [], ['runs-code']],
  ['awk -v: the program is after its value', `awk -v a=1 'BEGIN { system("rm f") }'`, [], ['runs-code']],
  ['awk @include in the program', `awk '@include "inplace"; { print }' f`, [], ['runs-code']],
  ['awk -f names its program elsewhere', 'awk -f prog.awk f', [], ['runs-code']],
  ['near miss: awk -F, -v and a program that prints', `awk -F: -v n=2 '{ print $n }' f`, []],
];

describe('shellEffects: what a command writes, attack beside near miss', () => {
  it.each(ROWS)('%s', async (_name, command, writes, unknown = []) => {
    const s = summarize(await shellEffects(command));
    expect(s.unreadable).toBe(false);
    expect(s.writes.sort()).toEqual([...writes].sort());
    expect([...new Set(s.unknown)].sort()).toEqual([...new Set(unknown)].sort());
  });
});

describe('shellEffects: what an unknown part says', () => {
  it('names the command and the word as written, after non-ASCII text', async () => {
    const effects = await shellEffects('echo "héllo wörld" && echo x > "$F" 2>/dev/null');
    expect(effects.unknown).toEqual([
      {
        what: 'echo x > "$F" 2>/dev/null',
        why: 'the redirect > target "$F" is not known: a variable decides it',
        kind: 'dynamic',
      },
    ]);
  });

  it('reads non-ASCII paths and heredoc text as written', async () => {
    const effects = await shellEffects("cat > 'dönüş.sql' <<'EOF'\nçağ\nEOF");
    expect(effects.writes).toEqual([{ path: 'dönüş.sql', how: 'heredoc >', content: 'çağ\n' }]);
  });

  it("holds a write's text only where it is the file's whole text, from the builtin", async () => {
    const texts = async (command: string) =>
      (await shellEffects(command)).writes.map((w) => [w.how, w.content ?? 'unknown']);
    expect(await texts("echo 'a b' > f && printf 'c' >| g && echo -n d &> h")).toEqual([
      ['redirect >', 'a b\n'],
      ['redirect >|', 'c'],
      ['redirect &>', 'd'],
    ]);
    // Appends: the file's text and this (a loop appends it again).
    expect(await texts("echo a >> f; cat >> g <<'EOF'\nb\nEOF")).toEqual([
      ['redirect >>', 'unknown'],
      ['heredoc >>', 'unknown'],
    ]);
    // A backslash zsh's echo (or bash's under xpg_echo) reads as an escape; a function named echo,
    // even one defined after the write (a loop calls it on its next turn).
    expect(await texts("echo 'DR\\0117P' > f")).toEqual([['redirect >', 'unknown']]);
    // Read differently by bash and zsh: `echo - x` (zsh prints x), two heredocs (zsh's MULTIOS
    // feeds cat both, bash the last).
    expect(await texts('echo - x > f')).toEqual([['redirect >', 'unknown']]);
    expect(await texts('echo =cat > f; cat <<< =cat > g')).toEqual([
      ['redirect >', 'unknown'],
      ['redirect >', 'unknown'],
    ]);
    // cat copies its standard input: one heredoc or here-string on descriptor 0, nothing else.
    for (const other of ['3<<<x', '0<&3', '<>g', '0>&3', '<g'])
      expect([other, (await texts(`cat <<< y ${other} > f`)).at(-1)]).toEqual([
        other,
        ['redirect >', 'unknown'],
      ]);
    expect(await texts("cat 3<<'EOF' > f\nx\nEOF")).toEqual([['redirect >', 'unknown']]);
    expect(await texts('cat g | cat <<< x > f')).toEqual([['redirect >', 'unknown']]);
    expect(await texts('cat g | echo x > f')).toEqual([['redirect >', 'x\n']]);
    // tee writes its standard input: known from a heredoc or here-string of its own, without -a.
    expect(await texts("tee f g <<'EOF'\nx\nEOF")).toEqual([
      ['tee', 'x\n'],
      ['tee', 'x\n'],
    ]);
    expect(await texts('sudo tee f <<< x')).toEqual([['tee', 'x\n']]);
    for (const command of [
      'tee -a f <<< x',
      'cat g | tee f',
      "bash -c 'cat g | tee f' <<< x",
      'for i in 1 2; do tee f <<< x; tee() { cat g; }; done',
      'tee f <<< x 0<g',
      // zsh's MULTIOS feeds the pipe, then the here-string.
      'cat g | tee f <<< x',
    ])
      expect([command, (await texts(command)).find(([how]) => how?.startsWith('tee'))]).toEqual([
        command,
        [expect.stringMatching(/^tee/), 'unknown'],
      ]);
    // printf's \n, \t and \\ are read alike everywhere; any other escape, a conversion, an option: unknown.
    expect(await texts("printf 'a\\tb\\\\c\\n' > f")).toEqual([['redirect >', 'a\tb\\c\n']]);
    for (const format of ["'a\\x41'", "'%s'", "'-v'", "'a\\0101'"])
      expect([format, await texts(`printf ${format} > f`)]).toEqual([format, [['redirect >', 'unknown']]]);
    expect(await texts("cat > f <<'A' <<'B'\nDROP\nA\nok\nB")).toEqual([['redirect >', 'unknown']]);
    expect(await texts('for i in 1 2; do echo a > f; echo() { printf b; }; done')).toEqual([
      ['redirect >', 'unknown'],
    ]);
    expect(await texts("cat() { printf b; }; cat > f <<'EOF'\na\nEOF")).toEqual([['heredoc >', 'unknown']]);
  });
});
