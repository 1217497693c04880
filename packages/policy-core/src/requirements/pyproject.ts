import TOML from '@iarna/toml';
import { LIMITS, megabytes, nestingPastLimit } from '../limits.js';
import { tomlParseError } from './toml-error.js';

import type { Pyproject, PyprojectTool } from './pyproject-model.js';
import { Reader } from './pyproject-reader.js';

export type { Pyproject, PyprojectProblem, PyprojectTool } from './pyproject-model.js';

/**
 * The dependency declarations of a pyproject.toml, for the tool whose lock is paired with it:
 *
 * - everyone: PEP 621 `[project] dependencies` and `optional-dependencies`, PEP 735
 *   `[dependency-groups]` (uv, and Poetry since 2.2; `include-group` entries name a group read
 *   on its own);
 * - uv: `[tool.uv] dev-dependencies`, and what shapes the lock without being a dependency:
 *   `environments`, `override-dependencies`, local `sources`;
 * - Poetry: `[tool.poetry.dependencies]` (but `python`, the project's own range),
 *   `[tool.poetry.group.<g>.dependencies]`, `[tool.poetry.dev-dependencies]`, in Poetry's
 *   constraint syntax (poetry-constraint.ts).
 *
 * @iarna/toml reads the values; toml-ranges.ts says where each stands, so a finding points at the
 * declaration. Every problem is one entry of `problems`, and the rest is still read.
 */
type Table = Record<string, unknown>;

export function readPyproject(text: string, tool: PyprojectTool): Pyproject {
  const out: Pyproject = {
    requirements: [],
    problems: [],
    place: { python: [], environments: [] },
    local: new Set(),
    overridden: new Set(),
    declarations: '',
    supplyChain: '',
  };
  const { chars, depth } = LIMITS.pyproject;
  if (text.length > chars) {
    out.problems.push({
      message: `pyproject.toml is ${megabytes(text.length)}, more than the ${megabytes(chars)} Slipway reads of one, so its dependencies were not checked`,
      start: 0,
      end: 0,
    });
    return out;
  }
  const deep = nestingPastLimit(text, depth);
  if (deep >= 0) {
    out.problems.push({
      message: `pyproject.toml nests lists and tables more than ${depth} levels deep, so its dependencies were not checked`,
      start: deep,
      end: deep,
    });
    return out;
  }
  let data: Table;
  try {
    data = TOML.parse(text) as Table;
  } catch (e) {
    const { message, offset } = tomlParseError(e, text);
    out.problems.push({
      message: `pyproject.toml is not valid TOML: ${message}`,
      start: offset,
      end: offset,
    });
    return out;
  }
  new Reader(text, data, tool, out).read();
  return out;
}

/**
 * Whether two texts of one pyproject.toml declare the same dependencies and the same supply chain
 * (indexes, sources, build requirements), read for `tool`: an edit of `[tool.ruff]`, a version
 * bump of the project itself or a comment is no dependency change. A side that does not parse
 * is never the same: the question is asked to wave a change through, so doubt counts as a change.
 */
export function sameDependencyDeclarations(before: string, after: string, tool: PyprojectTool): boolean {
  const a = readPyproject(before, tool);
  const b = readPyproject(after, tool);
  if (a.problems.length > 0 || b.problems.length > 0) return before === after;
  return a.declarations === b.declarations && a.supplyChain === b.supplyChain;
}
