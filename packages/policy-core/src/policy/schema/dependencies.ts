import { z } from 'zod';

/** Seed 002: one requirements file and the lock that must mirror it. */
export const dependencyPair = z
  .object({
    requirements: z
      .string()
      .min(1)
      .describe(
        'Human-edited requirements file (repo-relative), every requirement pinned with `==`. Its `-r` includes count too.',
      ),
    lock: z
      .string()
      .min(1)
      .describe(
        'Lock file (repo-relative) that mirrors the requirements: a requirements-style lock, `uv.lock` or `poetry.lock`.',
      ),
    lock_format: z
      .enum(['auto', 'requirements', 'uv', 'poetry'])
      .default('auto')
      .describe(
        'How to read the lock. `auto` (default) decides by file name: `uv.lock` and `poetry.lock` are TOML locks, anything else is requirements-style (pip-compile, uv pip compile, pip freeze or hand-made).',
      ),
    mode: z
      .enum(['mirror', 'superset'])
      .default('mirror')
      .describe(
        '`mirror`: the lock holds exactly the requirements (DEP005 flags extras). `superset`: the lock may add transitive pins.',
      ),
    label: z
      .string()
      .min(1)
      .default('approved-dependency-upgrade')
      .describe('Label a change needs when it touches the requirements or the lock (DEP006).'),
    label_when: z
      .enum(['any-change', 'set-changed'])
      .default('any-change')
      .describe(
        '`any-change` (default): any change to the requirements, their includes or the lock needs the label. `set-changed`: only a change of the dependency set does; comment, header, ordering and whitespace churn does not.',
      ),
    hashes: z
      .enum(['consistent', 'required', 'off'])
      .default('consistent')
      .describe(
        'DEP009. `consistent` (default): within one file, either every requirement carries `--hash` or none does. `required`: every lock entry must carry hashes. `off`: hashes are not checked.',
      ),
    url_requirements: z
      .enum(['error', 'allow'])
      .default('error')
      .describe(
        'DEP001 for URL, path and editable requirements (`name @ https://…`, `-e .`), which cannot be pinned with `==`. `error` (default) flags them; `allow` accepts them.',
      ),
  })
  .strict()
  .describe('A requirements file and the lock that must mirror it.');

export const dependenciesSection = z
  .union([dependencyPair, z.array(dependencyPair).min(1)])
  .describe('One requirements/lock pair, or a list of pairs (for example prod and dev).');

export type DependencyPair = z.output<typeof dependencyPair>;
