import { type PolicyDocument, resolveExtends } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/finding.js';
import { nameBaseLocations } from '../../../src/policy/extends/base-locations.js';
import { policyDoc } from '../policy-doc.js';

/**
 * A finding that points at a value only the base wrote (located at the `extends:` value) says
 * which base: on its own message when it is there, on each related location that is there, and
 * nowhere else.
 */
const extended = (): PolicyDocument => {
  const repo = policyDoc('version: 1\nextends: policies/base.yaml\n');
  const r = resolveExtends(repo, () => ({ text: 'version: 1\nproduction_branch: release\n' }));
  if (!('document' in r)) throw new Error('base');
  return r.document;
};

describe('nameBaseLocations', () => {
  const doc = extended();
  const atExtends = doc.locate(['extends']);
  const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } };
  const finding = (range = elsewhere, related: Finding['related'] = undefined): Finding => ({
    rule: 'POL002',
    severity: 'warning',
    message: 'm',
    file: 'slipway.yaml',
    range,
    ...(related ? { related } : {}),
  });
  const NOTE = ' (from the base policies/base.yaml)';

  it('a finding at the extends: value names the base; its related locations elsewhere are left', () => {
    const [f] = nameBaseLocations(
      [finding(atExtends, [{ file: 'slipway.yaml', range: elsewhere, message: 'r' }])],
      doc,
    );
    expect(f?.message).toBe(`m${NOTE}`);
    expect(f?.related).toEqual([{ file: 'slipway.yaml', range: elsewhere, message: 'r' }]);
  });

  it('a related location there names it; one elsewhere, or in another file, does not', () => {
    const related = [
      { file: 'slipway.yaml', range: atExtends, message: 'here' },
      { file: 'slipway.yaml', range: elsewhere, message: 'there' },
      { file: 'other.yaml', range: atExtends, message: 'another file' },
    ];
    const [f] = nameBaseLocations([finding(elsewhere, related)], doc);
    expect(f?.message).toBe('m');
    expect(f?.related?.map((r) => r.message)).toEqual([`here${NOTE}`, 'there', 'another file']);
  });

  it('a finding with nothing there is returned as it is; a policy that extends nothing changes nothing', () => {
    const plain = finding();
    expect(nameBaseLocations([plain], doc)[0]).toBe(plain);
    const own = policyDoc('version: 1\n');
    const f = finding({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(nameBaseLocations([f], own)[0]).toBe(f);
  });
});
