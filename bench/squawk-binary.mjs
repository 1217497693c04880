// squawk beside Slipway: the benches that time both find squawk here.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * squawk's native binary from its npm package (the `squawk-cli` dev dependency; its launcher
 * would add a node start to squawk's time), or the launcher when the platform's package is missing.
 */
export function squawkBinary(root) {
  const require = createRequire(join(root, 'package.json'));
  const cli = dirname(require.resolve('squawk-cli/package.json'));
  const platform = `@squawk-cli/${process.platform}-${process.arch}`;
  try {
    const pkg = createRequire(join(cli, 'package.json')).resolve(`${platform}/package.json`);
    return { cmd: join(dirname(pkg), 'bin/squawk'), args: [] };
  } catch {
    return { cmd: process.execPath, args: [join(cli, 'js/bin/squawk')] };
  }
}
