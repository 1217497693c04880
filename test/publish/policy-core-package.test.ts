import { builtinModules } from 'node:module';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun, runProcess } from '../helpers/run-process.js';

const pkgDir = fileURLToPath(new URL('../../packages/policy-core', import.meta.url));
const tscBin = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

describe('@slipway/policy-core root entry is pure', () => {
  it('imports no Node built-in, directly or through our own modules', async () => {
    const result = await build({
      entryPoints: [join(pkgDir, 'src/index.ts')],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
      // Third-party packages are judged by their own browser builds; our code is judged here.
      packages: 'external',
    });
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const offending = Object.entries(result.metafile.inputs).flatMap(([file, input]) =>
      input.imports
        .filter((i) => i.path.startsWith('node:') || builtins.has(i.path))
        .map((i) => `${file} → ${i.path}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('@slipway/policy-core tarball', () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'slipway-pack-'));
    // Build mode: dist/ is compiled again only if a source is newer than its build info (pnpm
    // test's build step compiled it a moment ago). `tsc -p` rebuilt the whole program to find
    // that out, 7 s of CPU.
    await mustRun(process.execPath, [tscBin, '-b', join(pkgDir, 'tsconfig.build.json')]);
    await mustRun('npm', ['pack', '--silent', '--pack-destination', work], { cwd: pkgDir });
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs into a fresh project, imports as ESM and type-checks a consumer', async () => {
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const consumer = join(work, 'consumer');
    mkdirSync(consumer, { recursive: true });
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
    );
    // The tarball and the Node types the node consumer compiles with: one npm install (one
    // resolution and one install instead of two, which cost about 5 s more).
    await mustRun(
      'npm',
      ['install', '--no-audit', '--no-fund', '--silent', join(work, tarball as string), '@types/node@20'],
      { cwd: consumer },
    );
    // The JSON Schemas travel too, where the package's exports name them, with their $id.
    const schema = JSON.parse(
      readFileSync(join(consumer, 'node_modules/@slipway/policy-core/schemas/policy.schema.json'), 'utf8'),
    ) as { $id: string };
    expect(schema.$id).toMatch(
      /^https:\/\/raw\.githubusercontent\.com\/.*\/docs\/schemas\/policy\.schema\.json$/,
    );
    // The MIT licence travels with the code (npm packs a LICENSE file in the package root).
    expect(readFileSync(join(consumer, 'node_modules/@slipway/policy-core/LICENSE'), 'utf8')).toMatch(
      /^MIT License/,
    );
    // A browser-style consumer of the root entry needs no Node types at all.
    writeFileSync(
      join(consumer, 'pure.ts'),
      [
        "import { parsePolicyText, runCheck, MemoryRepo, type Finding, renderJson } from '@slipway/policy-core';",
        "const parsed = parsePolicyText('version: 1\\nprotected:\\n  paths: [core/]\\n');",
        'if (!parsed.document) throw new Error("invalid");',
        "const result = runCheck({ policy: parsed.document, repo: new MemoryRepo({ 'core/a.py': '' }) });",
        'const findings: Finding[] = result.findings;',
        'console.log(renderJson(findings, 1));',
      ].join('\n'),
    );
    // A Node consumer of the node entry.
    writeFileSync(
      join(consumer, 'node.ts'),
      [
        "import { loadPolicy, type LoadedPolicy } from '@slipway/policy-core/node';",
        'const loaded: LoadedPolicy = loadPolicy(process.cwd());',
        'console.log(loaded.kind);',
      ].join('\n'),
    );
    const compilerOptions = {
      strict: true,
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      target: 'ES2022',
      noEmit: true,
      skipLibCheck: false,
    };
    writeFileSync(
      join(consumer, 'tsconfig.pure.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, types: [], lib: ['ES2023', 'DOM'] },
        files: ['pure.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'tsconfig.node.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, types: ['node'], lib: ['ES2023'] },
        files: ['node.ts'],
      }),
    );
    // Type-check both consumers against the published .d.ts files (skipLibCheck off: they must be
    // valid). One tsc in build mode over both projects, each with its own options and each one's
    // errors reported (a non-zero exit on any): one process and one load of the compiler, not two.
    const projects = ['tsconfig.pure.json', 'tsconfig.node.json'];
    const tsc = await runProcess(process.execPath, [tscBin, '-b', ...projects], { cwd: consumer });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    // And run the same code as plain ESM.
    writeFileSync(
      join(consumer, 'use.mjs'),
      [
        "import { parsePolicyText, runCheck, MemoryRepo, renderJson } from '@slipway/policy-core';",
        "import { loadPolicy } from '@slipway/policy-core/node';",
        "const parsed = parsePolicyText('version: 1\\nprotected:\\n  paths: [core/]\\n');",
        "const result = runCheck({ policy: parsed.document, repo: new MemoryRepo({ 'core/a.py': '' }) });",
        'console.log(JSON.stringify({ n: result.findings.length, kind: loadPolicy(process.cwd()).kind, json: JSON.parse(renderJson(result.findings, 1)).version }));',
      ].join('\n'),
    );
    const out = await mustRun(process.execPath, ['use.mjs'], { cwd: consumer });
    expect(JSON.parse(out)).toEqual({ n: 0, kind: 'missing', json: 1 });
  }, 240_000);
});
