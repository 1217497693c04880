import type { Finding } from '@slipway/policy-core';
import { DiagnosticTag } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { toDiagnostic } from '../src/features/to-diagnostic.js';

const at = { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } };
const finding = (rule: string): Finding => ({
  rule,
  severity: 'warning',
  message: 'm',
  file: 'a.py',
  range: at,
});

describe('toDiagnostic', () => {
  it("marks a finding with its rule's editor tags: a suppression that suppresses nothing fades", () => {
    expect(toDiagnostic(finding('SUP001'), { root: '/r' }).tags).toEqual([DiagnosticTag.Unnecessary]);
  });

  it('adds no tag for a rule without editor tags, nor for a notice that is no rule', () => {
    expect(toDiagnostic(finding('MIG001'), { root: '/r' }).tags).toBeUndefined();
    expect(toDiagnostic(finding('LSP-LARGE'), { root: '/r' }).tags).toBeUndefined();
  });

  it("links a rule's page, and only a rule's", () => {
    const docs = 'https://example.test/rules/{id}';
    expect(toDiagnostic(finding('MIG001'), { root: '/r', ruleDocs: docs }).codeDescription).toEqual({
      href: 'https://example.test/rules/MIG001',
    });
    expect(
      toDiagnostic(finding('LSP-LARGE'), { root: '/r', ruleDocs: docs }).codeDescription,
    ).toBeUndefined();
  });
});
