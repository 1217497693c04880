import { beforeEach, expect } from 'vitest';

/**
 * A test that makes no assertion fails (issue 54): one that passes empty — its `expect` inside an
 * `if` or a loop that never ran, its data absent — would read as a green check that checked
 * nothing. A test whose check is a wait that throws on a timeout says so with an explicit
 * assertion on what it waited for (`expect(await waitFor(...)).toBeTruthy()`), so the count
 * stays honest. A setup file of both vitest configs.
 */
beforeEach(() => {
  expect.hasAssertions();
});
