import type { RuleExample } from '../rule.js';

/**
 * The docs example maker of a family whose examples all show one file (the policy, the deploy
 * record, update.toml): `exampleIn(file)(verdict, text, more)`, `more` adding the change, the
 * files beside it, the environment or the assumptions.
 */
export function exampleIn(
  file: string,
): (
  verdict: RuleExample['verdict'],
  text: string,
  more?: Omit<RuleExample, 'verdict' | 'file' | 'text'>,
) => RuleExample {
  return (verdict, text, more = {}) => ({ verdict, file, text, ...more });
}
