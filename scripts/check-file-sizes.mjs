// The lint step that keeps files small: no source, test or script file over 400 lines, and one over
// 300 only with its reason stated near the top, in a comment that starts "Over 300 lines:".
// Fixtures (inputs the tests read as data) and generated docs are not code and are not counted.
// `node scripts/check-file-sizes.mjs [ROOT]`: ROOT (a git work tree) defaults to this project.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const MAX = 400;
const NEEDS_REASON = 300;
const REASON = /Over 300 lines:/;
// The comment has to be where a reader starts: within the first lines, after the imports at most.
const REASON_WITHIN = 60;

const files = execFileSync('git', ['ls-files', '-z', '--', 'packages', 'test', 'scripts', 'bench'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\0')
  .filter((f) => /\.(ts|mts|mjs|cjs|js)$/.test(f) && !/(^|\/)(fixtures|dist|node_modules)\//.test(f));

const problems = [];
const sizes = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // deleted in the working tree, not yet in the index
  }
  const lines = text.split('\n');
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  sizes.push(count);
  if (count > MAX) problems.push(`${file}: ${count} lines (at most ${MAX}): split it by concept`);
  else if (count > NEEDS_REASON && !REASON.test(lines.slice(0, REASON_WITHIN).join('\n')))
    problems.push(
      `${file}: ${count} lines: split it, or say why it is one file in a comment near the top starting "Over 300 lines:"`,
    );
}
sizes.sort((a, b) => a - b);
const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
for (const p of problems) console.error(p);
console.log(`file sizes: ${sizes.length} files, median ${median} lines, largest ${sizes.at(-1) ?? 0}`);
process.exit(problems.length > 0 ? 1 : 0);
