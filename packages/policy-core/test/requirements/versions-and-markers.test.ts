import { describe, expect, it } from 'vitest';
import { markersDisjoint } from '../../src/requirements/marker.js';
import { parsePep508, Pep508Error } from '../../src/requirements/pep508-parser.js';
import { normalizeName } from '../../src/requirements/pep503.js';
import {
  compareVersions,
  formatVersion,
  parseVersion,
  sameVersion,
} from '../../src/requirements/pep440-version.js';
import { runPython } from './helpers/python.js';

const marker = (m: string) => {
  const r = parsePep508(`x ; ${m}`);
  if (r instanceof Pep508Error || !r.marker) throw new Error(m);
  return r.marker;
};

describe('PEP 440 versions', () => {
  const versions = [
    '1.0',
    '1.0.0',
    '1.0.0.0',
    '1.0rc1',
    '1.0-RC1',
    '1.0c1',
    '1.0.dev1',
    '1.0a1.dev2',
    '1.0.post1',
    '1.0-1',
    '1!0.5',
    '1.0+local.7',
    '1.0+local.abc',
    '2.0',
    '0.9',
    'v1.0',
    '1.0b2.post3.dev4',
  ];

  it('orders and normalises exactly like packaging 26', () => {
    const py = runPython<{ norm: string[]; order: string[] }>(
      'import json,sys\nfrom packaging.version import Version\nv=json.load(sys.stdin)\nprint(json.dumps({"norm":[str(Version(x)) for x in v],"order":sorted(v,key=lambda x:(Version(x),x))}))',
      versions,
    );
    expect(
      versions.map((v) => formatVersion(parseVersion(v) as NonNullable<ReturnType<typeof parseVersion>>)),
    ).toEqual(py.norm);
    const ours = [...versions].sort(
      (a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!) || (a < b ? -1 : a > b ? 1 : 0),
    );
    expect(ours).toEqual(py.order);
  });

  it('treats zero-padded releases and spelling variants as the same pin', () => {
    expect(sameVersion('1.0', '1.0.0')).toBe(true);
    expect(sameVersion('2.31.0RC1', '2.31.0rc1')).toBe(true);
    expect(sameVersion('1.0', '1.0.1')).toBe(false);
    expect(sameVersion('1.0-custom', '1.0-custom')).toBe(true);
    expect(parseVersion('2.0.x')).toBeUndefined();
  });

  it('normalises names as PEP 503 says', () => {
    expect(['Foo_Bar', 'foo.bar', 'FOO--bar', 'foo-bar'].map(normalizeName)).toEqual([
      'foo-bar',
      'foo-bar',
      'foo-bar',
      'foo-bar',
    ]);
  });
});

describe('marker disjointness (DEP007)', () => {
  it('finds markers that never hold together', () => {
    expect(markersDisjoint(marker('sys_platform == "win32"'), marker('sys_platform != "win32"'))).toBe(true);
    expect(markersDisjoint(marker('python_version < "3.9"'), marker('python_version >= "3.9"'))).toBe(true);
    expect(
      markersDisjoint(
        marker('os_name == "nt" and python_version < "3.8"'),
        marker('os_name == "posix" or python_version >= "3.8"'),
      ),
    ).toBe(true);
    expect(
      markersDisjoint(marker('os_name == "nt" or python_version < "3.8"'), marker('os_name == "posix"')),
    ).toBe(false);
    expect(markersDisjoint(marker('(os_name == "nt") and extra == "a"'), marker('os_name != "nt"'))).toBe(
      true,
    );
  });

  it('does not call overlapping markers disjoint', () => {
    expect(markersDisjoint(marker('python_version >= "3.8"'), marker('sys_platform == "win32"'))).toBe(false);
    expect(markersDisjoint(marker('python_version < "3.10"'), marker('python_version > "3.8"'))).toBe(false);
  });
});
