/**
 * Deterministic generator of varied requirement lines (valid and invalid) for the
 * cross-checks against Python's packaging. Seeded: the same seed gives the same lines.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

function name(g: Gen): string {
  if (g.chance(0.04))
    return g.pick([
      '-foo',
      'foo-',
      'foo.',
      '_foo',
      'fo o',
      'föo',
      'foo_',
      'a',
      'Django',
      'zope.interface',
      'foo!',
      '',
    ]);
  let s = g.pick([...LETTERS]);
  const n = 1 + g.int(12);
  for (let i = 0; i < n; i++) {
    s += g.chance(0.15) ? g.pick(['-', '_', '.', '--', '._']) : g.pick([...ALNUM]);
  }
  return s.replace(/[-_.]+$/, '') + g.pick([...ALNUM]);
}

function version(g: Gen): string {
  if (g.chance(0.05))
    return g.pick(['2.0.x', 'latest', '1..0', '1.0.*.1', '1.0-', '', 'v1.0', 'V2', '1.0a.', '01.02']);
  let v = '';
  if (g.chance(0.05)) v += `${g.int(3)}!`;
  const parts = 1 + g.int(4);
  v += Array.from({ length: parts }, () => String(g.int(g.chance(0.1) ? 2000 : 20))).join('.');
  if (g.chance(0.15))
    v +=
      g.pick(['a', 'b', 'rc', 'c', 'alpha', 'beta', 'pre', 'preview', '.a', '-rc', 'RC', '_b']) +
      (g.chance(0.8) ? g.int(5) : '');
  if (g.chance(0.1)) v += g.pick(['.post', 'post', '-', '.rev', 'r', '.POST']) + g.int(4);
  if (g.chance(0.1)) v += g.pick(['.dev', 'dev', '-dev', '.DEV']) + (g.chance(0.7) ? g.int(4) : '');
  return v;
}

function specifier(g: Gen): string {
  const op = g.pick(['==', '==', '==', '>=', '<=', '<', '>', '!=', '~=', '===', '=', '=>', '~']);
  const sp = g.chance(0.1) ? ' ' : '';
  let v = version(g);
  if ((op === '==' || op === '!=' || g.chance(0.05)) && g.chance(0.15)) v += '.*';
  if (g.chance(0.06)) v += g.pick(['+local', '+abc.5', '+Ubuntu-1', '+']);
  if (op === '===' && g.chance(0.3)) v = g.pick(['foobar', '1.0-weird', 'a,b', '1.0)']);
  return op + sp + v;
}

function specifiers(g: Gen): string {
  const n = g.chance(0.2) ? 0 : 1 + (g.chance(0.25) ? 1 + g.int(2) : 0);
  const parts = Array.from({ length: n }, () => specifier(g));
  let s = parts.join(g.pick([',', ', ', ' ,', ',']));
  if (n > 0 && g.chance(0.03)) s += ',';
  if (n > 0 && g.chance(0.08)) s = `(${s})`;
  if (g.chance(0.1)) s = ` ${s}`;
  return s;
}

const VARS = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'platform.machine',
];

function markerValue(g: Gen): string {
  const v = g.pick([
    '3.8',
    '3.11',
    '2.7',
    'win32',
    'linux',
    'posix',
    'CPython',
    'x86_64',
    'Foo_Bar',
    'dev.Tools',
    '3',
    '',
    'a b',
  ]);
  return g.chance(0.2) ? `'${v}'` : `"${v}"`;
}

function markerItem(g: Gen): string {
  if (g.chance(0.03))
    return g.pick([
      'python_version',
      'foo == "1"',
      'python_version = "3"',
      '"a" == "b"',
      'python_version not  in "3.8 3.9"',
      'python_versionx > "3"',
    ]);
  const op = g.pick(['==', '!=', '<', '<=', '>', '>=', '~=', 'in', 'not in', '===']);
  const ws = () => g.pick(['', ' ', ' ', '  ', '\t']);
  const l = g.chance(0.9) ? g.pick(VARS) : markerValue(g);
  const r = g.chance(0.9) ? markerValue(g) : g.pick(VARS);
  const needWs = op === 'in' || op === 'not in';
  return l + (needWs ? ' ' : ws()) + op + (needWs ? ' ' : ws()) + r;
}

function marker(g: Gen, depth = 0): string {
  const n = 1 + (g.chance(0.35) ? 1 + g.int(2) : 0);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const atom = depth < 2 && g.chance(0.2) ? `(${marker(g, depth + 1)})` : markerItem(g);
    parts.push(atom);
  }
  return parts.reduce((acc, p) => `${acc} ${g.pick(['and', 'or', 'and', 'AND', 'or'])} ${p}`);
}

function extras(g: Gen): string {
  if (!g.chance(0.2)) return '';
  if (g.chance(0.1)) return g.pick(['[]', '[a b]', '[a,]', '[a', '[ a , B_c ]', '[security,socks]']);
  const n = 1 + g.int(3);
  return `[${Array.from({ length: n }, () => name(g)).join(g.pick([',', ', ']))}]`;
}

/** One requirement line: name, extras, specifiers or URL, marker, odd whitespace. */
export function requirementLine(g: Gen): string {
  let s = (g.chance(0.05) ? g.pick([' ', '\t']) : '') + name(g) + (g.chance(0.05) ? ' ' : '') + extras(g);
  if (g.chance(0.08)) {
    s +=
      g.pick([' @ ', '@', ' @', '@ ']) +
      g.pick([
        'https://example.com/pkg-1.0.tar.gz',
        'git+https://github.com/a/b.git@v1.0#egg=b',
        'file:///tmp/x.whl',
        '',
      ]);
    if (g.chance(0.4)) s += g.pick([' ; ', ';', '; ']) + marker(g);
  } else {
    s += specifiers(g);
    if (g.chance(0.3)) s += g.pick([' ; ', ';', '; ', ' ;']) + marker(g);
  }
  if (g.chance(0.05)) s += g.pick([' ', '\t', '  ']);
  return s;
}

export function requirementLines(seed: number, count: number): string[] {
  const g = new Gen(mulberry32(seed));
  return Array.from({ length: count }, () => requirementLine(g));
}
