import type { PolicyDocument } from '../policy/document.js';
import { schemaUrl } from '../schema-urls.js';
import { findingSpec } from './run-case.js';
import type { CaseChangeInput } from './test-file-schema.js';
import type { StarterCase } from './types.js';

/** A YAML scalar: plain when it reads back as the same string, else double-quoted (JSON). */
export function yamlScalar(s: string): string {
  const plain =
    /^[A-Za-z0-9_./][^\n]*$/.test(s) &&
    !/: |:$| #|[{}[\],&*!|>%@`"]|\s$/.test(s) &&
    !/^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}

/** A test file holding `cases`, each with the verdict it got as its expectation. */
export function renderTestFile(policy: PolicyDocument, cases: readonly StarterCase[]): string {
  const out = [
    `# yaml-language-server: $schema=${schemaUrl('policy-tests.schema.json')}`,
    `# Policy test cases for ${policy.file}: \`slipway test\` runs each change below against the policy`,
    '# and compares the verdict it gets with `expect:`. Written by `slipway init` from the policy it',
    '# proposed; when a change to the policy moves a verdict, the case fails and says how. Add your',
    '# own: a change is its branch, commits, labels and files (docs/guides/policy-tests.md).',
    'version: 1',
    'cases:',
  ];
  for (const c of cases) {
    out.push(
      `  - name: ${yamlScalar(c.name)}`,
      '    change:',
      ...changeLines(c.change, '      '),
      '    expect:',
    );
    out.push(`      exit: ${c.verdict.exit}`);
    if (c.verdict.findings.length === 0) out.push('      findings: none');
    else {
      out.push('      findings:');
      for (const f of c.verdict.findings) out.push(`        - ${yamlScalar(findingSpec(f))}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function changeLines(change: CaseChangeInput, indent: string): string[] {
  const out: string[] = [];
  if (change.branch !== undefined) out.push(`${indent}branch: ${yamlScalar(change.branch)}`);
  if (change.author !== undefined) out.push(`${indent}author: ${yamlScalar(change.author)}`);
  if (change.commits) {
    out.push(`${indent}commits:`);
    for (const c of change.commits) {
      out.push(`${indent}  - author: ${yamlScalar(c.author)}`);
      if (c.message !== undefined) out.push(`${indent}    message: ${yamlScalar(c.message)}`);
      if (c.trailers?.length) {
        out.push(`${indent}    trailers:`);
        for (const t of c.trailers) out.push(`${indent}      - ${yamlScalar(t)}`);
      }
    }
  }
  if (change.labels?.length)
    out.push(
      `${indent}labels: [${change.labels.map((l) => yamlScalar(typeof l === 'string' ? l : l.name)).join(', ')}]`,
    );
  out.push(`${indent}files:`);
  for (const f of change.files) {
    if (typeof f === 'string') {
      out.push(`${indent}  - ${yamlScalar(f)}`);
      continue;
    }
    const [status, path] =
      Object.entries(f).find(([k]) => k !== 'from' && k !== 'contents' && k !== 'base') ?? [];
    out.push(`${indent}  - ${status}: ${yamlScalar(String(path))}`);
    if (f.from !== undefined) out.push(`${indent}    from: ${yamlScalar(f.from)}`);
    for (const key of ['contents', 'base'] as const) {
      const text = f[key];
      if (text === undefined) continue;
      out.push(`${indent}    ${key}: |${text.endsWith('\n') ? '' : '-'}`);
      for (const line of text.replace(/\n$/, '').split('\n')) out.push(line ? `${indent}      ${line}` : '');
    }
  }
  return out;
}
