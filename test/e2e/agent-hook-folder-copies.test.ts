import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';

// A folder copied or moved whole writes DEST/<rel> for each file SRC/<rel>: the destination's
// name alone (`.github`, `.vscode`, `db`) matches no file pattern, so the gate judges the files
// that land, those on disk under the source and those the command itself wrote there first.
const session = new AgentSession({
  'slipway.yaml': `version: 1
production_branch: main
protected:
  label: approved-core-change
  paths:
    - core/
migrations:
  sql: ["db/*.sql"]
`,
  'core/models.py': 'x = 1\n',
  'db/001_init.sql': 'CREATE TABLE users (id int, mail text);\n',
  'src/a/x.ts': 'export const x = 1;\n',
  'w2/workflows/x.yml': 'on: push\n',
  'scratch/002.sql': 'DROP TABLE users;\n',
  'scratch2/003.sql': 'CREATE TABLE notes (id int);\n',
});
const decision = (command: string) => session.decision(command);

describe('slipway hook: a folder copied or moved lands file by file', () => {
  it('a folder made and filled in the same command, then moved or copied onto the policy surface, is refused', () => {
    expect(
      decision("mkdir -p w/workflows && printf 'on: push\\n' > w/workflows/x.yml && mv w .github"),
    ).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    expect(decision("mkdir -p v && echo '{}' > v/settings.json && cp -r v .vscode")).toMatch(
      /^deny .*PATH004\] \.vscode\/settings\.json/,
    );
    expect(decision('mkdir -p a && touch a/AGENTS.md && cp -r a b && mv b docs')).toMatch(
      // The three copies are one reason, said once with the other files named.
      /^deny .*\[PATH004\] a\/AGENTS\.md: .* The same for 2 more files: b\/AGENTS\.md, docs\/AGENTS\.md\.\n?$/,
    );
  });

  it('a folder on disk moved or copied whole is judged by the files under it, their text read', () => {
    expect(decision('mv w2 .github')).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    expect(decision('cp -r w2 .github')).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    expect(decision('git mv w2 .github')).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    expect(decision('mv w? .github')).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    expect(decision('cp -R scratch/. db')).toMatch(/^deny .*MIG001\] db\/002\.sql/);
    expect(decision('cp -r "$SRC" .github')).toMatch(/^ask .*which the command's text does not give/);
  });

  it("cp, mv and install's -t and long options as getopt reads them: in a cluster, attached, abbreviated", () => {
    expect(decision('cp -vt db scratch/002.sql')).toMatch(/^deny .*MIG001\] db\/002\.sql/);
    expect(decision('cp -t.github/workflows w2/workflows/x.yml')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/x\.yml/,
    );
    expect(decision('mkdir -p .github && cp -rt .github w2/workflows')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/x\.yml/,
    );
    expect(decision('install -Dt .github/workflows w2/workflows/x.yml')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/x\.yml/,
    );
    expect(decision('cp --target=.github/workflows w2/workflows/x.yml')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/x\.yml/,
    );
    expect(decision('cp -ft core src/a/x.ts')).toMatch(/^ask .*PATH003.*core\/x\.ts/);
    expect(decision('cp --t .github/workflows w2/workflows/x.yml')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/x\.yml/,
    );
    expect(decision('cp --recur w2 .github')).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    expect(decision('cp --arch w2 .github')).toMatch(/^deny .*PATH004\] \.github\/workflows\/x\.yml/);
    // Near miss: a value-taking option before t (install's -m) is not a target directory.
    expect(decision('install -m 644 src/a/x.ts src/b.ts')).toBe('allow');
    expect(decision('cp -vt src/b src/a/x.ts')).toBe('allow');
  });

  it('a single file copied or moved is judged by its text where it lands: a migration by the migration rules', () => {
    // Refused before whatever the text ("cannot tell what it would write"): each is the source's.
    expect(decision('cp scratch/002.sql db/')).toMatch(/^deny .*MIG001\] db\/002\.sql/);
    expect(decision('mv scratch/002.sql db/004_drop.sql')).toMatch(/^deny .*MIG001\] db\/004_drop\.sql/);
    expect(decision('cp scratch/0*.sql db')).toMatch(/^deny .*MIG001\] db\/002\.sql/);
    // Text the gate cannot read is still refused: written by the same command, or lands under a path it does not map.
    expect(decision("printf 'DROP TABLE users;' > t.sql && cp t.sql db/")).toMatch(
      /^deny .*db\/t\.sql.*cannot tell what it would write/,
    );
    expect(decision('cp --parents scratch2/003.sql db')).toMatch(/^(deny|ask) .*cp --parents/);
    // Found by attacking it: a source that is a link (copied through it, or moved as a link that
    // then resolves elsewhere), one the command makes outside the repository first, and the
    // backups -b keeps under a name of its own: each was let through.
    symlinkSync('002.sql', session.at('scratch/l.sql'));
    symlinkSync('002.sql', session.at('scratch/l.py'));
    try {
      expect(decision('cp scratch/l.sql db/')).toMatch(/^deny .*db\/l\.sql.*cannot tell what it would write/);
      expect(decision('mv scratch/l.sql db/')).toMatch(/^deny .*db\/l\.sql/);
      expect(decision('cp scratch/l.py core/')).toMatch(/^ask .*PATH003.*core\/l\.py/);
    } finally {
      rmSync(session.at('scratch/l.sql'));
      rmSync(session.at('scratch/l.py'));
    }
    const outside = mkdtempSync(join(tmpdir(), 'slipway-outside-'));
    try {
      expect(
        decision(`echo 'DROP TABLE users;' > ${outside}/002_x.sql && mv ${outside}/002_x.sql db/`),
      ).toMatch(/^deny .*db\/002_x\.sql/);
      expect(decision(`echo 'x = 6' > ${outside}/models.py && cp ${outside}/models.py core/`)).toMatch(
        /^ask .*PATH003.*core\/models\.py/,
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    for (const backup of [
      'cp -b -S .sql scratch2/003.sql db/x',
      'mv --backup=simple --suffix=.sql scratch2/003.sql db/x',
      'install -bS.sql scratch2/003.sql db/x',
      'mkdir e && mv -T -b e core',
    ])
      expect(decision(backup), backup).toMatch(/^(deny|ask) .*-b\/--backup keeps what it replaces/);
    // Near misses: a harmless migration copied, moved or installed into the series.
    expect(decision('cp scratch2/003.sql db/')).toBe('allow');
    expect(decision('mv scratch2/003.sql db/003_notes.sql')).toBe('allow');
    expect(decision('install -m 644 scratch2/003.sql db/')).toBe('allow');
  });

  it('a folder moved or removed earlier in the command is not taken for the folder a copy lands in', () => {
    // Found by a red team: judged as landing in db/scratch/ (db is a folder when the gate looks),
    // each made scratch the new db and ran its DROP TABLE as db/002.sql.
    for (const command of [
      'mv db db_old && mv scratch db',
      'rm -rf db && mv scratch db',
      'mv db db_old && cp -r scratch db',
    ])
      expect(decision(command), command).toMatch(/^deny .*MIG001\] db\/002\.sql/);
    // Near miss: the same shape where nothing is judged by its text.
    expect(decision('mv src src_old && mv w2 src')).toBe('allow');
  });

  it('near miss: folders that land where nothing is protected, or in a folder under their own name', () => {
    expect(decision('mv build dist')).toBe('allow');
    expect(decision('cp -r src/a src/b')).toBe('allow');
    expect(decision('mkdir -p tmp/x && mv tmp/x tmp/y')).toBe('allow');
    // `.github` is not there: the folder's files land as .github/x.yml, no workflow.
    expect(decision('cp -r w2/workflows .github')).toBe('allow');
    // Into the root: what lands is src/…, not every file of the repository.
    expect(decision('cp -r src .')).toBe('allow');
    expect(decision('cp -R scratch2/. db')).toBe('allow');
  });

  it('a folder restored from another commit is judged by the files there, not only those on disk', () => {
    // A branch holding a workflow the agent wants in; .github is not on disk on this branch.
    const { repo } = session;
    repo.git('checkout', '-qb', 'evil');
    repo.write({ '.github/workflows/evil.yml': 'on: push\n', 'docs/extra.md': '# Extra\n' });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'evil');
    repo.git('checkout', '-q', 'work');
    expect(decision('git checkout evil -- .github')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/evil\.yml/,
    );
    expect(decision('git restore --source=evil .github')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/evil\.yml/,
    );
    expect(decision('git restore -s evil -- .github')).toMatch(
      /^deny .*PATH004\] \.github\/workflows\/evil\.yml/,
    );
    // A tree-ish git cannot list here, or one only the shell names: put to a person.
    expect(decision('git checkout nosuch -- .github')).toMatch(
      /^ask .*restores from nosuch, which git cannot list/,
    );
    // Put to a person as a folder copied from a source the text does not give is; a restore of
    // paths moves no branch (git refuses -b with paths), so no ref rule is cited.
    const restored = decision('git checkout "$B" -- .github');
    expect(restored).toMatch(/^ask .*names its tree-ish in a way Slipway does not follow/);
    expect(restored).not.toMatch(/BR001/);
    // The same, spelled as git's option parser also reads it.
    for (const spelling of [
      'git restore -Ws evil .github',
      'git restore -SWs evil .github',
      'git restore --sour=evil .github',
      'git restore --so evil .github',
      'git restore -Wsevil .github',
    ])
      expect([spelling, decision(spelling)]).toEqual([
        spelling,
        expect.stringMatching(/^deny .*PATH004\] \.github\/workflows\/evil\.yml/),
      ]);
    // Paths from a file or standard input, or matched in any case: not followed, put to a person.
    expect(decision('echo .github | git restore --source=evil --pathspec-from-file=-')).toMatch(
      /^ask .*--pathspec-from-file reads its paths/,
    );
    expect(decision('echo .github | git restore --staged --source=evil --pathspec-from-file=-')).toMatch(
      /^ask .*--pathspec-from-file reads its paths/,
    );
    expect(decision('git --icase-pathspecs checkout evil -- .GITHUB')).toMatch(/^ask .*--icase-pathspecs/);
    // The index filled from that commit: the next commit (or a checkout from the index) takes it.
    for (const command of [
      'git reset -q evil -- .github && git checkout -- .github',
      'git reset evil .github',
      'git restore --source=evil --staged .github',
    ])
      expect([command, decision(command)]).toEqual([
        command,
        expect.stringMatching(/^deny .*PATH004\] \.github\/workflows\/evil\.yml/),
      ]);
    // Near misses: unstaging (the index from HEAD), a reset that only moves the branch elsewhere.
    expect(decision('git reset -q HEAD -- .github')).toBe('allow');
    expect(decision('git restore --staged .github')).toBe('allow');
    expect(decision('git reset evil -- docs')).toBe('allow');
    // Near miss: the same branch's docs restored, nothing protected among them.
    expect(decision('git checkout evil -- docs')).toBe('allow');
    expect(decision('git restore -s evil docs')).toBe('allow');
  });

  it("a file's whole text in the command (echo, printf, a heredoc) is judged as a Write's; any doubt refuses", () => {
    expect(decision("echo 'DROP TABLE users;' > db/005_x.sql")).toMatch(/^deny .*MIG001\] db\/005_x\.sql/);
    expect(decision("cat > db/005_x.sql <<'EOF'\nDROP TABLE users;\nEOF")).toMatch(
      /^deny .*MIG001\] db\/005_x\.sql/,
    );
    expect(decision("echo 'CREATE TABLE notes (id int);' > db/005_x.sql")).toBe('allow');
    expect(decision("printf 'CREATE TABLE notes (id int);' > db/005_x.sql")).toBe('allow');
    expect(decision("cat > db/005_x.sql <<'EOF'\nCREATE TABLE notes (id int);\nEOF")).toBe('allow');
    // Two texts for one file: which lands only the run says (judged by the last, the first landed).
    expect(decision('cp scratch/002.sql db/005_x.sql || cp scratch2/003.sql db/005_x.sql')).toMatch(
      /^deny .*\[GATE\] db\/005_x\.sql: `cp \(to\)` writes .*cannot tell what it would write/,
    );
    expect(
      decision("echo 'CREATE TABLE notes (id int);' > db/005_x.sql; sed -i s/CREATE/DROP/ db/005_x.sql"),
    ).toMatch(/^deny .*\[GATE\] db\/005_x\.sql/);
    // An echo that is a function here, an escape zsh's echo reads, an append: the text is not known.
    expect(
      decision(
        "echo() { printf 'DROP TABLE users;\\n'; }; echo 'CREATE TABLE notes (id int);' > db/005_x.sql",
      ),
    ).toMatch(/^deny .*\[GATE\] db\/005_x\.sql: `redirect >` writes/);
    expect(decision("echo 'DR\\0117P TABLE users;' > db/005_x.sql")).toMatch(
      /^deny .*\[GATE\] db\/005_x\.sql/,
    );
    // cat reads its standard input: a heredoc on another descriptor, or a second input, leaves
    // the pipe or the file as what it copies.
    for (const command of [
      "cat scratch/002.sql | cat 3<<'EOF' > db/005_x.sql\nSELECT 1;\nEOF",
      "exec 3<scratch/002.sql; cat > db/005_x.sql <<'EOF' 0<&3\nSELECT 1;\nEOF",
      "cat > db/005_x.sql <<'EOF' <>scratch/b.txt\nSELECT 1;\nEOF",
      'echo =cat > db/005_x.sql',
    ])
      expect([command, decision(command)]).toEqual([
        command,
        expect.stringMatching(/^deny .*\[GATE\] db\/005_x\.sql/),
      ]);
    // The shell's own folders under /proc and /dev/fd: only the running shell resolves them.
    expect(decision("echo 'DROP TABLE users;' > /proc/self/cwd/db/005_x.sql")).toMatch(
      /^deny .*reached through the shell's own \/proc or \/dev\/fd/,
    );
    expect(
      session.answer(
        session.claude('Write', { file_path: '/proc/self/cwd/db/005_x.sql', content: 'DROP TABLE users;\n' }),
      ),
    ).toMatch(/^deny .*goes through \/proc or \/dev\/fd/);
    // Under a folder that does not exist, the gate once looked for a policy in /proc and let it through.
    for (const file_path of ['/proc/self/cwd/new/x.sql', '/dev/fd/../../proc/self/cwd/db/x.sql'])
      expect(session.answer(session.claude('Write', { file_path, content: 'x\n' }))).toMatch(
        /^deny .*goes through \/proc or \/dev\/fd/,
      );
    // tee writes its own heredoc's text.
    expect(decision("tee db/005_x.sql <<'EOF'\nCREATE TABLE notes (id int);\nEOF")).toBe('allow');
    expect(decision("sudo tee db/005_x.sql <<'EOF'\nDROP TABLE users;\nEOF")).toMatch(
      /^deny .*MIG001\] db\/005_x\.sql/,
    );
    // A pipe into it: zsh feeds tee (or cat) the pipe, then the here-string.
    expect(decision("cat scratch/002.sql | tee db/005_x.sql <<< 'SELECT 1;'")).toMatch(
      /^deny .*\[GATE\] db\/005_x\.sql/,
    );
    // git's own attributes outside the repository, written before a restore reads them.
    expect(
      decision(
        `echo 'db/*.sql ident' > ${session.at('../home/.config/git/attributes')}; git checkout main -- db`,
      ),
    ).toMatch(/^ask .*git's own settings outside the repository/);
    // printf's \n, read alike by bash and zsh: the text is known.
    expect(decision("printf 'CREATE TABLE notes (id int);\\n' > db/005_x.sql")).toBe('allow');
    expect(decision("printf 'DROP TABLE users;\\n' > db/005_x.sql")).toMatch(
      /^deny .*MIG001\] db\/005_x\.sql/,
    );
    expect(decision("echo 'CREATE TABLE notes (id int);' >> db/001_init.sql")).toMatch(
      /^deny .*\[GATE\] db\/001_init\.sql: `redirect >>` writes/,
    );
  });
});
