import { escapeRegex } from '../../../paths/glob-to-regex.js';

/**
 * `agents.dependency_branch`: a branch-name template. `YYYYMMDD` (or `YYYY-MM-DD`) stands for
 * a real calendar date; a run of `N`s standing alone between non-letters (`NNN`) for exactly
 * that many digits; `*` for any characters but `/`. Everything else is literal.
 * `auto/dependency-upgrade-YYYYMMDD-NNN` accepts `auto/dependency-upgrade-20260122-001`.
 */
export interface BranchTemplate {
  template: string;
  test(branch: string): boolean;
}

const TOKEN = /YYYYMMDD|YYYY-MM-DD|(?<![A-Za-z])N+(?![A-Za-z])|\*/g;

export function isRealDate(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // No month 0 or 13: no length either.
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

export function compileBranchTemplate(template: string): BranchTemplate {
  let source = '';
  let last = 0;
  let dates = 0;
  for (const m of template.matchAll(TOKEN)) {
    source += escapeRegex(template.slice(last, m.index));
    const token = m[0];
    if (token === '*') source += '[^/]*';
    else if (token.startsWith('YYYY')) {
      source += token === 'YYYYMMDD' ? `(?<d${dates}>\\d{8})` : `(?<d${dates}>\\d{4}-\\d{2}-\\d{2})`;
      dates++;
    } else source += `\\d{${token.length}}`;
    last = m.index + token.length;
  }
  source += escapeRegex(template.slice(last));
  const regex = new RegExp(`^${source}$`);
  return {
    template,
    test(branch) {
      const m = regex.exec(branch);
      if (!m) return false;
      for (const value of Object.values(m.groups ?? {})) {
        const digits = value.replace(/-/g, '');
        const ok = isRealDate(
          Number(digits.slice(0, 4)),
          Number(digits.slice(4, 6)),
          Number(digits.slice(6, 8)),
        );
        if (!ok) return false;
      }
      return true;
    },
  };
}

/** An example name for a message: the template filled with `now`'s date and 1. */
export function exampleBranchName(template: string, now: Date): string {
  const y = String(now.getUTCFullYear()).padStart(4, '0');
  const mo = String(now.getUTCMonth() + 1).padStart(2, '0');
  const d = String(now.getUTCDate()).padStart(2, '0');
  return template.replace(TOKEN, (token) => {
    if (token === '*') return 'x';
    if (token === 'YYYYMMDD') return `${y}${mo}${d}`;
    if (token === 'YYYY-MM-DD') return `${y}-${mo}-${d}`;
    return '1'.padStart(token.length, '0');
  });
}
