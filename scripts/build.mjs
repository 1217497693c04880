// Builds what `pnpm slipway`, the language server, the extension and the tests run:
//   node scripts/build.mjs          bundles (esbuild): CLI, language server, extension
//   node scripts/build.mjs --core   also compiles @slipway/policy-core to dist/ with tsc (publishing, bench)
// Bundles resolve @slipway/policy-core to its TypeScript source, so no compile step sits between
// an edit and a run. Packages with WASM or native parts stay external and load from node_modules.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages/policy-core/src');
const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  legalComments: 'none',
  alias: {
    '@slipway/policy-core/node': join(core, 'node/index.ts'),
    '@slipway/policy-core': join(core, 'index.ts'),
  },
  external: ['libpg-query', 'pg', 'pg-native', '@electric-sql/pglite', 'vscode'],
  define: { __SLIPWAY_VERSION__: JSON.stringify(version) },
  // ESM bundles of CommonJS dependencies need a real `require`.
  banner: {
    js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);",
  },
};

const jobs = [
  build({
    ...common,
    entryPoints: [join(root, 'packages/cli/src/bin.ts')],
    outfile: join(root, 'packages/cli/dist/slipway.mjs'),
  }),
];
if (existsSync(join(root, 'packages/lsp/src/server.ts'))) {
  jobs.push(
    build({
      ...common,
      entryPoints: [join(root, 'packages/lsp/src/server.ts')],
      outfile: join(root, 'packages/lsp/dist/server.mjs'),
    }),
  );
}
if (existsSync(join(root, 'packages/extension/src/extension.ts'))) {
  // VS Code loads extensions as CommonJS; the server is shipped beside it inside the .vsix.
  jobs.push(
    build({
      ...common,
      format: 'cjs',
      banner: {},
      entryPoints: [join(root, 'packages/extension/src/extension.ts')],
      outfile: join(root, 'packages/extension/dist/extension.js'),
    }),
  );
}
await Promise.all(jobs);

if (process.argv.includes('--core')) {
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(root, 'packages/policy-core/tsconfig.build.json'),
    ],
    {
      stdio: 'inherit',
    },
  );
}
