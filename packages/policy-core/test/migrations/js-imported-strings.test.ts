import { describe, expect, it } from 'vitest';
import { ImportedStringsReader } from '../../src/migrations/js-imported-strings.js';

const migration = 'src/database/migrations/1700000000000-Add.ts';
const files: Record<string, string> = {
  'src/entities/user.entity.ts': "export enum UserStatus { UNVERIFIED = 'unverified', ACTIVE = 'active' }\n",
  'src/entities/names.ts': "export const ORG = 'Default Organization'\n",
  'src/entities/index.ts': "export enum Kind { A = 'a' }\n",
};
const read = (p: string) => files[p];
const valuesOf = (src: string, reader = new ImportedStringsReader()) =>
  Object.fromEntries(reader.of(migration, src, read).values);

// What a migration takes from the repository's own modules (js-imported-strings.ts).
describe("a migration's imported strings", () => {
  it('follows relative imports to .ts files, index files and `.js` names of .ts files, aliases as the migration reads them', () => {
    const src = `import { UserStatus } from '../../entities/user.entity'
import { ORG as Org } from '../../entities/names.js'
import { Kind } from '../../entities'
const sql = \`\${UserStatus.UNVERIFIED} \${Org} \${Kind.A}\`
`;
    expect(valuesOf(src)).toEqual({
      'UserStatus.UNVERIFIED': 'unverified',
      'UserStatus.ACTIVE': 'active',
      Org: 'Default Organization',
      'Kind.A': 'a',
    });
    expect(new ImportedStringsReader().of(migration, src, read).files).toEqual([
      'src/entities/user.entity.ts',
      'src/entities/names.ts',
      'src/entities/index.ts',
    ]);
  });

  it("the file's own enum is read too", () => {
    expect(valuesOf("enum Own { X = 'x' }\nconst q = `${Own.X}`\n")).toEqual({ 'Own.X': 'x' });
  });

  it('near misses: a package, a path outside the repository, a missing module, no substitution at all', () => {
    expect(valuesOf("import { Status } from 'typeorm'\nconst q = `${Status.A}`\n")).toEqual({});
    expect(valuesOf("import { X } from '../../../../../x'\nconst q = `${X.A}`\n")).toEqual({});
    expect(valuesOf("import { Gone } from './gone'\nconst q = `${Gone.A}`\n")).toEqual({});
    expect(valuesOf("import { UserStatus } from '../../entities/user.entity'\nconst q = 'x'\n")).toEqual({});
  });

  it('near misses: a name the migration may change is not taken (assigned, counted, indexed, handed on)', () => {
    const head =
      "import { UserStatus } from '../../entities/user.entity'\nconst q = `${UserStatus.ACTIVE}`\n";
    for (const use of [
      'UserStatus.ACTIVE = "x\'; DROP TABLE users; --"',
      "UserStatus.ACTIVE += 'x'",
      'UserStatus.ACTIVE++',
      "UserStatus['ACTIVE'] = 'x'",
      'Object.assign(UserStatus, {})',
      'mutate(1, UserStatus)',
      'const alias = UserStatus',
    ])
      expect(valuesOf(`${head}${use}\n`), use).toEqual({});
    // Reading it elsewhere, comparing it or naming its type changes nothing.
    expect(
      valuesOf(`${head}if (s === UserStatus.ACTIVE) {}\nlet t: UserStatus = UserStatus.UNVERIFIED\n`),
    ).toEqual({ 'UserStatus.UNVERIFIED': 'unverified', 'UserStatus.ACTIVE': 'active' });
  });

  it('a module is read again when its text changes', () => {
    const reader = new ImportedStringsReader();
    const src = "import { UserStatus } from '../../entities/user.entity'\nconst q = `${UserStatus.ACTIVE}`\n";
    expect(valuesOf(src, reader)['UserStatus.ACTIVE']).toBe('active');
    const before = files['src/entities/user.entity.ts'];
    files['src/entities/user.entity.ts'] = "export enum UserStatus { ACTIVE = 'on' }\n";
    try {
      expect(valuesOf(src, reader)['UserStatus.ACTIVE']).toBe('on');
    } finally {
      files['src/entities/user.entity.ts'] = before as string;
    }
  });
});
