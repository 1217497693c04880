import type * as z from 'zod/mini';
import type { Range } from '../finding.js';
import { LIMITS, megabytes, NOT_TEXT, nestingPastLimitIn, notTextAt } from '../limits.js';
import { loadBoundedYaml } from '../policy/bounded-yaml.js';
import type { PolicyPath } from '../policy/document.js';
import { formatPath } from '../policy/parse.js';
import { LineIndex } from '../text-position.js';
import { checkCases } from './case-checks.js';
import type { ExpectedFinding, PolicyTestCase, PolicyTestFile, TestFileProblem } from './types.js';
import { type PolicyTestFileInput, policyTestFileSchema } from './test-file-schema.js';
import { valueAt } from '../value-at.js';

export type TestFileRead = { ok: true; tests: PolicyTestFile } | { ok: false; problems: TestFileProblem[] };

/**
 * Reads a policy test file's text: the limits of limits.ts first (size, nesting, aliases, cases),
 * then YAML, then the schema, then what the schema cannot say (unknown rule ids, two cases of one
 * name). Never throws for bad input: each problem is one line with its place, and a file with any
 * runs no case (`slipway test` exits 2).
 */
export function readPolicyTestFile(rawText: string, file: string): TestFileRead {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const index = new LineIndex(text);
  const fail = (range: Range, message: string): TestFileRead => ({
    ok: false,
    problems: [{ file, range, message }],
  });
  const { chars, depth, yamlAliases, cases: maxCases } = LIMITS.policyTests;
  if (text.length > chars) return { ok: false, problems: [testFileTooLarge(file, text.length)] };
  const bad = notTextAt(text);
  if (bad !== -1) return fail(index.range(bad, bad + 1), `the test file ${NOT_TEXT}; save it as UTF-8`);
  const deep = nestingPastLimitIn(text, depth, true);
  if (deep !== -1)
    return fail(
      index.range(deep, deep + 1),
      `lists and maps nest more than ${depth} levels deep here; a test case needs five or six`,
    );
  const loaded = loadBoundedYaml(text, index, yamlAliases);
  if ('problems' in loaded)
    return {
      ok: false,
      problems: loaded.problems.map((p) => ({ file, range: p.range, message: p.message })),
    };
  const { value, locate } = loaded;
  const listed = (value as { cases?: unknown } | null)?.cases;
  if (Array.isArray(listed) && listed.length > maxCases)
    return fail(
      locate(['cases'], 'key'),
      `the test file holds ${listed.length.toLocaleString('en-US')} cases, more than the ${maxCases.toLocaleString('en-US')} one file may; split them into files of a slipway.tests/ folder`,
    );
  const parsed = policyTestFileSchema.safeParse(value ?? {});
  if (!parsed.success) {
    // A misspelt key also makes the key it stands for "required": the misspelling goes first.
    const issues = [...parsed.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    return {
      ok: false,
      problems: issues.slice(0, 5).map((issue) => schemaProblem(issue, value, locate, file)),
    };
  }
  const data: PolicyTestFileInput = parsed.data;
  const cases: PolicyTestCase[] = data.cases.map((c, i) => {
    const range = locate(['cases', i, 'name']);
    const findings = c.expect.findings;
    return {
      name: c.name,
      file,
      range,
      change: c.change,
      expect: {
        ...(c.expect.exit !== undefined ? { exit: c.expect.exit } : {}),
        ...(findings !== undefined
          ? {
              findings:
                findings === 'none'
                  ? []
                  : findings.map((spec, j) => expectedFinding(spec, ['expect', 'findings', j])),
            }
          : {}),
      },
      locate: (path, part) => locate(['cases', i, ...path], part),
    };
  });
  const problems = checkCases(cases, file);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, tests: { file, text, cases } };
}

/** The one problem of a test file past its size limit (`size`: its characters, or bytes unread). */
export function testFileTooLarge(file: string, size: number): TestFileProblem {
  const { chars } = LIMITS.policyTests;
  return {
    file,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: `the test file is ${megabytes(size)}, more than the ${megabytes(chars)} a policy test file may be; split its cases into files of a slipway.tests/ folder`,
  };
}

/** `RULE`, `RULE path` or `RULE path:line`. */
function expectedFinding(spec: string, path: PolicyPath): ExpectedFinding {
  const space = spec.indexOf(' ');
  const rule = space === -1 ? spec : spec.slice(0, space);
  const rest = space === -1 ? '' : spec.slice(space + 1).trim();
  const at = /^(.*):(\d+)$/.exec(rest);
  return {
    spec,
    rule,
    ...(rest ? { file: at ? (at[1] as string) : rest } : {}),
    ...(at ? { line: Number(at[2]) } : {}),
    path,
  };
}

function schemaProblem(
  issue: z.core.$ZodIssue,
  input: unknown,
  locate: (path: PolicyPath, part?: 'key' | 'value') => Range,
  file: string,
): TestFileProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length ? `\`${formatPath(path)}\`` : 'the top level';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] as string;
    return {
      file,
      range: locate([...path, key], 'key'),
      message: `unknown key \`${formatPath([...path, key])}\`; check its spelling against \`slipway schema --tests\` or remove it`,
    };
  }
  if (path.length > 0 && valueAt(input, path) === undefined) {
    const expected = issue.code === 'invalid_type' ? ` (expected ${issue.expected})` : '';
    // At the map that lacks it: its first key's line.
    const { start } = locate(path.slice(0, -1));
    return { file, range: { start, end: start }, message: `${where} is required${expected}; add it` };
  }
  if (issue.code === 'invalid_union') {
    const expected = [
      ...new Set(
        issue.errors.flatMap((branch) =>
          branch.map((e) => (e.code === 'invalid_type' ? e.expected : e.code)),
        ),
      ),
    ];
    return {
      file,
      range: locate(path),
      message: `${where}: expected ${expected.join(' or ')}${unionHint(path)}`,
    };
  }
  if (issue.code === 'invalid_value' && path.length === 1 && path[0] === 'version')
    return {
      file,
      range: locate(path),
      message: '`version` must be 1 (the only test file version); set `version: 1`',
    };
  return {
    file,
    range: locate(path),
    message: `${where}: ${issue.message.replace(/^Invalid (input|option): /, '')}`,
  };
}

/** What a union in the format takes, in words. */
function unionHint(path: readonly (string | number)[]): string {
  const parent = path[path.length - 2];
  if (parent === 'files') return ': a path (modified), or `added: PATH` (modified, deleted, renamed, copied)';
  if (parent === 'labels') return ': a label, or `{name: LABEL, by: LOGIN}`';
  if (path[path.length - 1] === 'findings') return ': `none`, or a list of `RULE path`';
  if (path[path.length - 1] === 'exit') return ': 0, 1 or 2';
  return '';
}
