import { describe, expect, it } from 'vitest';
import { tarOnlyLists } from '../../../src/agent-gate/shell/tar-listing.js';

/** How tar's argument forms are read (the oracle in shell-oracle.test.ts runs the real tar). */
describe('tarOnlyLists', () => {
  it.each([
    ['tf a.tar'],
    ['tvzf a.tgz member.txt'],
    ['-tvzfa.tgz'],
    ['-t -f a.tar -C sub --wildcards *.py'],
    ['--list --file a.tar'],
    ['--list --file=a.tar --exclude=*.log'],
    ['tfC a.tar sub'],
    ['-tf a.tar -- -I'],
  ])('lists: tar %s', (args) => {
    expect(tarOnlyLists(args.split(' '))).toBe(true);
  });

  it.each([
    ['', 'no mode'],
    ['xf a.tar', 'extracts'],
    ['-ft a.tar', "f's value is t: no list mode"],
    ['tf', 'the archive is missing'],
    ['tf host:a.tar', 'a remote archive runs rsh'],
    ['--list --file=host:a.tar --force-local', 'a colon is refused whatever follows'],
    ['tzf a.tgz -I prog', 'a compress program'],
    ['tzf a.tgz --use-compress-program=prog', 'a compress program'],
    ['tf a.tar --to-command=prog', 'a program per member'],
    ['-tT list.txt -f a.tar', 'a file list may hold options'],
    ['tf a.tar --index-file=out', 'writes the listing to a file'],
    ['tcf a.tar x', 'creates'],
  ])('does not: tar %s (%s)', (args) => {
    expect(tarOnlyLists(args === '' ? [] : args.split(' '))).toBe(false);
  });
});
