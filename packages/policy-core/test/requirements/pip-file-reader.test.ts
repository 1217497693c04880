import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRequirementsFile } from '../../src/requirements/requirements-file.js';
import { runPython } from './helpers/python.js';

/**
 * pip's own requirements-file reader (`pip._internal.req.req_file`, pip 23 from python3) is
 * the reference for line joining, comments, env expansion and options. Each file is read by
 * `RequirementsFileParser._parse_file` (one file, no recursion) and compared line by line.
 */
const PIP_SCRIPT = `
import json, os, sys
from pip._internal.req.req_file import RequirementsFileParser, get_line_parser
from pip._internal.network.session import PipSession
out = {}
for name, path in json.load(sys.stdin).items():
    parser = RequirementsFileParser(PipSession(), get_line_parser(None))
    rows = []
    try:
        for pl in parser._parse_file(path, constraint=False):
            o = pl.opts
            row = {"line": pl.lineno}
            if pl.is_requirement:
                row["req"] = pl.requirement
                row["editable"] = pl.is_editable
                row["hashes"] = sorted(a + ":" + d for a, ds in (o.hashes or {}).items() for d in ds)
            else:
                opts = {}
                for k in ["requirements", "constraints", "index_url", "extra_index_urls", "find_links",
                          "trusted_hosts", "features_enabled"]:
                    v = getattr(o, k, None)
                    if v: opts[k] = v if isinstance(v, list) else [v]
                for k in ["no_index", "pre", "require_hashes", "prefer_binary"]:
                    if getattr(o, k, None): opts[k] = [True]
                row["opts"] = opts
            rows.append(row)
        out[name] = {"rows": rows}
    except Exception as e:
        out[name] = {"rows": rows, "error": str(e).splitlines()[-1]}
print(json.dumps(out))
`;
import { PYTHON } from '../../../../test/helpers/python.js';

const OPTION_KEYS: Record<string, string> = {
  '--requirement': 'requirements',
  '--constraint': 'constraints',
  '--index-url': 'index_url',
  '--extra-index-url': 'extra_index_urls',
  '--find-links': 'find_links',
  '--trusted-host': 'trusted_hosts',
  '--use-feature': 'features_enabled',
  '--no-index': 'no_index',
  '--pre': 'pre',
  '--require-hashes': 'require_hashes',
  '--prefer-binary': 'prefer_binary',
};

const FILES: Record<string, string> = {
  continuation:
    'requests==2.31.0 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\n    # via -r requirements.in\nidna==3.6 \\\n  --hash=sha512:ccc\n',
  comments:
    '# header\nfoo==1.0 # trailing\nbar==2.0#not-a-comment\n  # indented comment\n\n\t\nbaz @ https://x.org/b.tar.gz#egg=baz\n',
  commentContinuation: 'foo==1.0 # comment \\\nbar==2.0\n# comment line \\\nbaz==3\n',
  backslashStrip: '\\\\foo==1.0\\\\\n\\bar==2\\\n==3\n',
  crlfBom: '\ufefffoo==1.0\r\nbar==2.0 \\\r\n  ; python_version < "3.12"\r\nbaz==3\r\n',
  tabsTrailing: 'foo==1.0   \t\n\tbar==2.0\t\n   baz [security] == 1.0 ; os_name == "posix"  \n',
  options:
    '-i https://pypi.example/simple\n--extra-index-url=https://x.example/simple\n--find-links ./wheels\n--pre --no-index\n--require-hashes\n--trusted-host x.example\n--prefer-binary\n-r base.txt\n-c constraints.txt\n--requirement=dev.txt\n-rlocal.txt\n--requirem other.txt\n',
  editables: '-e git+https://github.com/a/b.git@v1#egg=b\n--editable ./local/pkg\n-e .\n',
  envVars:
    // biome-ignore lint/suspicious/noTemplateCurlyInString: pip's ${VAR} syntax is the subject here
    'foo==${FOO_VERSION}\nbar @ ${BASE_URL}/bar.whl\n--index-url ${INDEX}/simple\nbaz==${UNSET_VAR}\nqux==${lower}\n',
  quotedOptions:
    '--index-url "https://a.example/simple with space"\n--find-links \'./dir x\'\nfoo==1.0 --hash="sha256:abc"\n',
  lastLineContinuation: 'foo==1.0 \\\n  --hash=sha256:abc \\',
  urls: 'https://example.com/pkg-1.0.tar.gz#egg=pkg\nname @ git+https://github.com/a/b.git@main#subdirectory=sub\n./relative/path\nfoo[bar] @ file:///tmp/x.whl ; python_version >= "3.8"\n',
};

const ENV = {
  FOO_VERSION: '1.2.3',
  BASE_URL: 'https://files.example',
  INDEX: 'https://idx.example',
  lower: 'no',
};

interface Row {
  line: number;
  req?: string;
  editable?: boolean;
  hashes?: string[];
  opts?: Record<string, unknown[]>;
}

function ours(name: string, text: string): Row[] {
  const f = parseRequirementsFile(`${name}.txt`, text, { env: ENV });
  const rows = new Map<number, Row>();
  for (const r of f.requirements)
    rows.set(r.line.firstLine, {
      line: r.line.firstLine + 1,
      req: r.source,
      editable: r.editable,
      hashes: r.hashes.map((h) => `${h.algo}:${h.digest}`).sort(),
    });
  for (const p of f.problems)
    if (p.source !== undefined)
      rows.set(p.line.firstLine, { line: p.line.firstLine + 1, req: p.source, editable: false, hashes: [] });
  for (const o of f.options) {
    const row = rows.get(o.line.firstLine) ?? { line: o.line.firstLine + 1, opts: {} };
    rows.set(o.line.firstLine, row);
    const key = OPTION_KEYS[o.name];
    if (!key || !row.opts) continue;
    const values = row.opts[key] ?? [];
    values.push(o.value ?? true);
    row.opts[key] = values;
  }
  return [...rows.values()].sort((a, b) => a.line - b.line);
}

describe("requirements-file reader against pip's req_file", () => {
  const dir = mkdtempSync(join(tmpdir(), 'slipway-pip-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(FILES)) {
    paths[name] = join(dir, `${name}.txt`);
    writeFileSync(paths[name], text);
  }
  const expected = (() => {
    const out = execFileSync(PYTHON, ['-c', PIP_SCRIPT], {
      input: JSON.stringify(paths),
      encoding: 'utf8',
      env: { ...process.env, ...ENV },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    return JSON.parse(out) as Record<string, { rows: Row[]; error?: string }>;
  })();

  for (const name of Object.keys(FILES)) {
    it(`reads ${name} as pip does`, () => {
      const py = expected[name] as { rows: Row[]; error?: string };
      expect(py.error).toBeUndefined();
      expect(ours(name, FILES[name] as string)).toEqual(py.rows);
    });
  }

  it('rejects the option lines pip rejects, naming the reason', () => {
    const bad = {
      unknown: '--frobnicate\n',
      missing: 'foo==1\n-r\n',
      badHash: 'foo==1 --hash=md5:abc\n',
      noValue: '--pre=yes\n',
      quote: '--index-url "x\n',
    };
    const badPaths: Record<string, string> = {};
    for (const [n, t] of Object.entries(bad)) {
      badPaths[n] = join(dir, `bad-${n}.txt`);
      writeFileSync(badPaths[n], t);
    }
    const py = runPython<Record<string, { error?: string }>>(PIP_SCRIPT, badPaths);
    for (const [n, t] of Object.entries(bad)) {
      expect(py[n]?.error, n).toBeTruthy();
      const f = parseRequirementsFile(`${n}.txt`, t);
      expect(f.problems.length, n).toBe(1);
    }
  });
});
