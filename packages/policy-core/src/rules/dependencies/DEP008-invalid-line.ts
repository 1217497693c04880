import type { Finding } from '../../finding.js';
import type { CheckContext, Rule } from '../../rule.js';
import type { PairFacts } from './facts/pair-facts.js';
import { at, policyAt } from './facts/where.js';
import type { PairRun } from './facts/pair-run.js';
import { depSuppressDocs } from '../suppress-docs.js';

export const invalidLine: Rule<PairRun> = {
  id: 'DEP008',
  name: 'invalid-line',
  family: 'DEP',
  facts: 'dependency-pair',
  defaultSeverity: 'error',
  title: 'a line pip would reject',
  docs: {
    what:
      'pip stops at this line: an unknown or malformed option (`--frobnicate`, `-r` without a file, ' +
      '`--hash=md5:…`), an unclosed quote, or a requirement that is not valid PEP 508 (`foo==2.0.x`, ' +
      '`foo>=1.0.*`, a missing comma). Also reported here: a requirements file or lock that cannot be ' +
      'read as text (binary, not UTF-8, over 16 MB) and a TOML lock with a syntax error.',
    why:
      'pip refuses the whole file, so the install fails on deploy. The message gives the reason in ' +
      "pip's and packaging's words.",
    fix: 'Correct the line as the message says, or remove it.',
    suppress: depSuppressDocs('DEP008'),
    examples: [
      {
        verdict: 'flagged',
        file: 'backend/requirements.txt',
        text: 'fastapi==0.110.x\n' + '--frobnicate\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n',
        },
      },
      {
        verdict: 'fine',
        file: 'backend/requirements.txt',
        text: '--index-url https://pypi.org/simple\n' + 'fastapi==0.110.0  # the API server\n',
        beside: {
          'backend/requirements.lock': 'fastapi==0.110.0\n',
        },
      },
    ],
  },
  check: ({ ctx, pair }) => checkInvalidLines(ctx, pair),
};

export function checkInvalidLines(ctx: CheckContext, facts: PairFacts): Finding[] {
  const out: Finding[] = [];
  for (const file of facts.allFiles)
    for (const p of file.parsed.problems)
      out.push({
        rule: invalidLine.id,
        severity: invalidLine.defaultSeverity,
        message: `pip would reject this line: ${p.message}.`.replace(/\.\.$/, '.'),
        ...at(file, p.start, p.end),
      });
  for (const p of facts.problems) {
    if (p.rule !== 'DEP008') continue;
    const where = p.file
      ? at(p.file, p.start ?? 0, p.end ?? 0)
      : policyAt(ctx, facts, p.policyKey ?? 'requirements');
    out.push({ rule: invalidLine.id, severity: invalidLine.defaultSeverity, message: p.message, ...where });
  }
  return out;
}
