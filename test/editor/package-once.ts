import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { BIN, ensureCodeServer, packageVsix, run } from './install.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The .vsix packaged for this run, and an extensions dir code-server installed it into. */
    editorVsix: { vsix: string; installed: string };
  }
}

/**
 * The editor step's global setup: packages the extension as a release does, once for every
 * editor test of the run (each used to package the same sources again, about 4 s a time), and
 * installs that .vsix once with code-server's own `--install-extension`: each editor then starts
 * on a copy of what that install wrote (code-server.ts, CodeServer.start).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureCodeServer();
  const dir = mkdtempSync(join(tmpdir(), 'slipway-editor-vsix-'));
  const vsix = await packageVsix(dir);
  const installed = join(dir, 'extensions');
  await run(BIN, ['--extensions-dir', installed, '--install-extension', vsix]);
  project.provide('editorVsix', { vsix, installed });
  return () => rmSync(dir, { recursive: true, force: true });
}
