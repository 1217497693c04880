import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/features/settings.js';

/**
 * Issue 55 (7): in an untrusted workspace, VS Code ignores the workspace's value of a setting the
 * extension lists in `restrictedConfigurations`; of any other, it takes the repository's
 * `.vscode/settings.json`, which a hostile repository writes. Every setting that changes what is
 * reported or what runs must be listed. The server's settings are measured, not listed by hand:
 * the keys its reader touches are the ones that can change findings.
 */

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
}

const manifest = JSON.parse(
  readFileSync(new URL('../../extension/package.json', import.meta.url), 'utf8'),
) as Manifest;
const contributed = Object.keys(manifest.contributes.configuration.properties);
const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];

/** Contributed settings left to the workspace, each with why it changes nothing reported or run. */
const UNRESTRICTED: Record<string, string> = {
  'slipway.trace.server':
    "vscode-languageclient's log of the protocol messages in the Slipway output: it reports and runs nothing",
};

/** The `slipway.*` keys the language server's settings reader touches. */
function keysTheServerReads(): string[] {
  const touched = new Set<string>();
  readSettings(
    new Proxy(
      {},
      {
        get: (_, key) => {
          if (typeof key === 'string') touched.add(key);
          return undefined;
        },
      },
    ),
  );
  return [...touched].map((k) => `slipway.${k}`).sort();
}

describe("the extension's restricted settings", () => {
  it('list every setting the language server reads (each can silence or change findings)', () => {
    const read = keysTheServerReads();
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((k) => !restricted.includes(k))).toEqual([]);
  });

  it('list every contributed setting but those that report and run nothing', () => {
    expect(contributed.filter((k) => !restricted.includes(k) && !(k in UNRESTRICTED))).toEqual([]);
  });

  it('name only settings the extension contributes (a typo restricts nothing)', () => {
    expect(restricted.filter((k) => !contributed.includes(k))).toEqual([]);
    expect(Object.keys(UNRESTRICTED).filter((k) => !contributed.includes(k))).toEqual([]);
  });
});
