import type { Finding } from '../../finding.js';
import { finding, type MigFacts, type MigRule } from './facts/mig-facts.js';

/** MIG130: a file in a version folder that Python cannot parse. */
export const unparsableMigration: MigRule = {
  meta: {
    id: 'MIG130',
    family: 'MIG',
    defaultSeverity: 'error',
    title: 'migration file does not parse',
    description:
      'Alembic imports every Python file in its version folders; one with a syntax error makes every Alembic ' +
      'command fail, including the deploy. Fix the syntax. The other files are still analysed, and so are ' +
      "this file's operations when only CPython's compiler rejects it (the parse itself is sound). Besides what " +
      "the parser rejects, errors CPython's compiler reports are caught too (an unterminated string, an " +
      'indentation that matches no block, Python 2 `print "x"` and `0777`, a positional argument after a ' +
      'keyword one, `break` outside a loop, a late `from __future__` import, ...), and so is a `.py` file ' +
      'holding binary content (NUL bytes), which Python refuses to load. Python 3.10 parenthesised context ' +
      'managers (`with (a() as x, b() as y):`) and a UTF-8 byte order mark are valid.',
  },
  check(facts: MigFacts): Finding[] {
    const out: Finding[] = [];
    for (const tree of facts.analysis.trees) {
      for (const m of tree.modules) {
        if (!m.syntaxError) continue;
        out.push(
          finding(
            unparsableMigration.meta,
            m.path,
            m.syntaxError.range,
            `${m.syntaxError.value}: Alembic cannot import this file and every migration command will fail; fix the syntax.`,
          ),
        );
      }
    }
    return out;
  },
};
