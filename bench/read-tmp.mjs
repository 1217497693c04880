import * as core from '../packages/policy-core/dist/index.js';
import { readFileSync } from 'node:fs';
const src = readFileSync(new URL('./migrations.bench.mjs', import.meta.url), 'utf8');
const gen = src.slice(src.indexOf('const rev ='), src.indexOf('const median'));
const files = Object.entries(new Function('FILES', gen + '\nreturn generate;')(1000)());
await core.initMigrationParsers();
for (let r = 0; r < 12; r++) for (const [p, t] of files) core.readMigrationModule(p, t);
