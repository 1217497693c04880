import { describe, expect, it } from 'vitest';
import { moduleStrings } from '../../src/migrations/js-exported-strings.js';
import { parseJs } from '../../src/migrations/js-parser.js';

const strings = (src: string, exportedOnly = true) =>
  Object.fromEntries(moduleStrings(parseJs('m.ts', src), src, exportedOnly));

// What a module gives by name, as TypeScript compiles it (an enum member's value, a constant's).
describe("a module's string values by name", () => {
  it('string enums, numeric enums counted on, constants and `as const` objects', () => {
    expect(
      strings(`export enum Status { ACTIVE = 'active', INVITED = "invited" }
export enum Level { LOW, MID, HIGH = 10, TOP }
export const NAME = 'Default Organization'
export const Kinds = { A: 'a', B: 'b' } as const
export const Plain = { C: 'c' }
`),
    ).toEqual({
      'Status.ACTIVE': 'active',
      'Status.INVITED': 'invited',
      'Level.LOW': '0',
      'Level.MID': '1',
      'Level.HIGH': '10',
      'Level.TOP': '11',
      NAME: 'Default Organization',
      'Kinds.A': 'a',
      'Kinds.B': 'b',
      'Plain.C': 'c',
    });
  });

  it('near misses: what has no one value known before the code runs is not given', () => {
    expect(
      strings(`export enum Mixed { S = 's', AFTER }
export enum Twice { A = 'a' }
export enum Twice { A = 'b' }
export const T = \`t\${x}\`
export const Esc = 'a\\'b'
export let L = 'l'
export const Call = f('x')
export const Obj = { [k]: 'v', n: 1, s: 's' + x }
const Hidden = 'not exported'
`),
    ).toEqual({ 'Mixed.S': 's' });
  });

  it("the file's own declarations are given when asked for all of them", () => {
    expect(strings(`enum Own { X = 'x' }\nconst Names = { A: 'a' }\n`, false)).toEqual({
      'Own.X': 'x',
      'Names.A': 'a',
    });
    expect(strings(`enum Own { X = 'x' }\n`)).toEqual({});
  });
});
