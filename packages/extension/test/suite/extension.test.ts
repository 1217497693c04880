/// <reference types="mocha" />
// The extension in a real VS Code, through the `vscode` API only: run by `pnpm test:desktop`
// (@vscode/test-cli, .vscode-test.mjs) on a desktop VS Code, and by test/editor/mocha-suite.test.ts
// in code-server's extension host. The window is a copy of examples/mayassistant (workspace.mjs).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhere, Person, ruleIds, StandIn } from './helpers.js';

const SLIPWAY = 'slipway.slipway';
/** What test/probe (loaded beside Slipway) saw while the editor started. */
interface Probe {
  probeActivatedAt: number;
  firstDiagnostics: Promise<number>;
  slipwayActivation(which: 'will' | 'did'): number | undefined;
}

/** Figures for bench/editor.bench.mjs, written where SLIPWAY_SUITE_TIMINGS says (if it does). */
const timings: Record<string, number | string> = {};

suite('Slipway in VS Code (mocha, @vscode/test-cli)', () => {
  let folder: vscode.WorkspaceFolder;
  let person: Person | undefined;
  const file = (path: string) => vscode.Uri.joinPath(folder.uri, path);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder.uri.fsPath, encoding: 'utf8' });

  suiteSetup(() => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'the window opens one folder: the copy of examples/mayassistant');
    folder = folders[0]!;
  });

  teardown(() => {
    person?.dispose();
    person = undefined;
  });

  suiteTeardown(() => {
    if (process.env.SLIPWAY_SUITE_TIMINGS)
      writeFileSync(process.env.SLIPWAY_SUITE_TIMINGS, JSON.stringify(timings, null, 2));
  });

  test('activates on the folder and shows its findings: activation to first diagnostics', async () => {
    const ext = vscode.extensions.getExtension(SLIPWAY);
    assert.ok(ext, 'Slipway is loaded');
    // workspaceContains:slipway.yaml activated it while the window opened.
    assert.ok(ext.isActive, 'Slipway is active before any command runs');
    const probe = vscode.extensions.getExtension<Probe>('slipway-test.slipway-timing-probe')?.exports;
    // The unpinned requirement, not committed, without opening the file: workspace diagnostics.
    const requirements = file('backend/requirements.txt');
    await diagnosticsWhere(
      () => ruleIds(requirements).includes('DEP001') && ruleIds(requirements).includes('DEP003'),
      'backend/requirements.txt has DEP001 and DEP003',
    );
    assert.ok(ruleIds(file('slipway.yaml')).includes('POL002'), 'the policy file has its warning');
    if (probe) {
      const first = await probe.firstDiagnostics;
      const called = probe.slipwayActivation('will');
      const resolved = probe.slipwayActivation('did');
      timings.activationToFirstDiagnosticsMs = first - (called ?? probe.probeActivatedAt);
      timings.activationMeasuredFrom = called ? 'activate() called' : 'editor start (probe)';
      timings.editorStartToFirstDiagnosticsMs = first - probe.probeActivatedAt;
      if (called && resolved) timings.activateResolvedMs = resolved - called;
    }
  });

  test('registers every command package.json lists', async () => {
    const ext = vscode.extensions.getExtension(SLIPWAY)!;
    const listed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      listed.filter((c) => !registered.has(c)),
      [],
      'each listed command has a handler',
    );
    assert.ok(listed.length >= 12);
  });

  test('Run Deploy Guard: a summary per rule family, and its findings in the diagnostics collection', async () => {
    person = new Person();
    const t0 = Date.now();
    await vscode.commands.executeCommand('slipway.runDeployGuard');
    const summary = person.find('error', /deploy guard/);
    timings.guardEndToEndMs = summary.at - t0;
    assert.match(summary.text, /^Slipway: deploy guard BLOCKS a deploy\. DEP: 2 errors/);
    const requirements = file('backend/requirements.txt');
    await diagnosticsWhere(
      () => ['DEP001', 'DEP003'].every((id) => ruleIds(requirements).includes(id)),
      'the guard findings are in the collection',
    );
    const depErrors = vscode.languages
      .getDiagnostics()
      .flatMap(([, ds]) => ds)
      .filter((d) => d.source === 'slipway' && d.severity === vscode.DiagnosticSeverity.Error)
      .filter((d) => /^DEP/.test(String(typeof d.code === 'object' ? d.code.value : d.code)));
    assert.equal(depErrors.length, 2, 'the 2 DEP errors the summary counts');
  });

  test('Explain Rule opens the rule page the server writes', async () => {
    await vscode.commands.executeCommand('slipway.explainRule', 'DEP001');
    const page = vscode.workspace.textDocuments.find((d) => d.uri.toString() === 'slipway-rule:/DEP001.md');
    assert.ok(page, 'slipway-rule:/DEP001.md is open');
    assert.match(page.getText(), /DEP001/);
    assert.doesNotMatch(page.getText(), /not running|Unknown rule/);
  });

  test('Run Policy Tests from the palette: the server runs the cases the lens runs, and says how they went', async () => {
    person = new Person();
    await vscode.commands.executeCommand('slipway.runPolicyTests');
    // examples/mayassistant's slipway.tests.yaml: every case passes under its policy.
    assert.match(
      person.find('info', /policy tests/).text,
      /^Slipway: policy tests: \d+ cases: \d+ passed\.$/,
    );
  });

  test('Promote… to staging: the checklist, the deploy and the health check against a stand-in', async () => {
    const standIn = new StandIn();
    const state = mkdtempSync(join(tmpdir(), 'slipway-suite-deploy-'));
    try {
      // The policy reads ${STAGING_URL}; the server takes its environment from the extension host.
      Object.assign(process.env, { STAGING_URL: await standIn.start(), DEPLOY_STATE: state });
      await vscode.commands.executeCommand('slipway.restartServer');
      const head = git('rev-parse', 'HEAD').trim();
      person = new Person((p) => {
        if (p.kind === 'quickPick' && /environment/.test(p.text)) return 'staging';
        if (p.kind === 'quickPick' && /commit/.test(p.text)) return 'Head of the production branch';
        if (p.kind === 'warning' && /^Slipway: Promote \w+ to staging\?$/.test(p.text)) return 'Promote';
        return undefined;
      });
      await vscode.commands.executeCommand('slipway.promote');
      const confirm = person.find('warning', /Promote/);
      assert.equal(confirm.text, `Slipway: Promote ${head.slice(0, 7)} to staging?`);
      // The URL as the policy writes it: ${STAGING_URL}'s value is a secret (issue 55).
      assert.match(confirm.detail, /health: \$\{STAGING_URL\}\/api\/health\//);
      assert.ok(!confirm.detail.includes(process.env.STAGING_URL as string), confirm.detail);
      assert.match(person.find('info', /staging/).text, /ready to promote/);
      const requests = readFileSync(join(state, 'requests.log'), 'utf8').trim().split('\n');
      assert.deepEqual(requests, [`deploy staging ${head}`]);
      assert.ok(standIn.paths.includes('/api/health/'), `health checked: ${standIn.paths.join(', ')}`);
    } finally {
      await standIn.stop();
      rmSync(state, { recursive: true, force: true });
    }
  });

  test('Show Deploy History lists the staging promote, then its delivery figures', async () => {
    await vscode.commands.executeCommand('slipway.showHistory');
    // Rendered, not the source: the active tab is the Markdown preview of the history page.
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputWebview, `the active tab is ${tab?.label}`);
    assert.match(tab.input.viewType, /markdown\.preview/);
    assert.match(tab.label, /Preview/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'slipway-history');
    assert.ok(doc, 'the history page is open under the preview');
    // Each environment's charts follow its tables, as images the preview draws (SVG data: URIs).
    assert.match(doc.getText(), /!\[Deploys per week\]\(data:image\/svg\+xml;charset=utf-8,%3Csvg%20xmlns/);
    const head = git('rev-parse', 'HEAD').trim();
    const text = doc.getText();
    assert.match(
      text,
      new RegExp(`\\| STAGING_VERIFIED \\| staging \\| — → \`${head.slice(0, 12)}\`.*\\| succeeded \\|`),
    );
    // The one staging deploy, of a person's commit: one deploy, none by an agent.
    assert.match(
      text,
      /## Delivery metrics[\s\S]*### staging\n\n\| who wrote it \|.*\n.*\n\| all \| 1 \|.*\n\| human \| 1 \|.*\n\| agent \| 0 \|/,
    );
  });
});
