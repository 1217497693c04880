// `pnpm gen-rules` (and the first step of `pnpm gen-docs`): writes the files generated from the
// rule files (scripts/rule-files.ts says which). Run from the repository root, as pnpm runs
// scripts (the bundle itself lives elsewhere).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedRuleFiles } from './rule-files.js';

const root = process.cwd();
const written = generatedRuleFiles(root);
for (const [path, text] of Object.entries(written)) writeFileSync(join(root, path), text);
console.log(`wrote ${Object.keys(written).join(', ')}`);
