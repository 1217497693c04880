import { type Coverage, coverageLine } from './coverage.js';
import { placeOf } from './folder-glob.js';

/** How many paths a report lists per layout; `count` says how many there are. */
const LISTED = 100;

/** The coverage as `--format json` (scope.coverage) and SARIF (the run's properties) carry it. */
export interface CoverageReport {
  /** The line the text report ends with. */
  line: string;
  /** How many files each family read, by family id. */
  judged: Record<string, number>;
  /** Of those, how many a family's rules only searched beside its own (Coverage.searched). */
  searched?: Record<string, number>;
  /** The layouts seen and not judged (absent when the COV family did not run). */
  notJudged?: {
    /** Stable id of the layout (`django`, `npm`): coverage/layouts.ts. */
    layout: string;
    name: string;
    kind: 'migrations' | 'dependencies';
    /** The rule whose finding reports it. */
    rule: 'COV001' | 'COV002';
    /** The policy key that would judge it, when Slipway has a reader for it. */
    judgedBy: string | null;
    count: number;
    /** Where they are, summarised (`app/*\/migrations/`). */
    place: string;
    /** The first LISTED of them. */
    files: string[];
    /** Files that may be of it but could not be read to tell, and why (the first LISTED). */
    unread: { path: string; why: string }[];
    unreadCount: number;
  }[];
}

export function coverageReport(coverage: Coverage): CoverageReport {
  return {
    line: coverageLine(coverage) ?? '',
    judged: coverage.judged,
    ...(coverage.searched ? { searched: coverage.searched } : {}),
    ...(coverage.notJudged
      ? {
          notJudged: coverage.notJudged.map((l) => ({
            layout: l.entry.id,
            name: l.entry.name,
            kind: l.entry.kind,
            rule: l.entry.kind === 'migrations' ? ('COV001' as const) : ('COV002' as const),
            judgedBy: l.entry.judgedBy ?? null,
            count: l.files.length,
            place: placeOf(l.files.length ? l.files : l.unread.map((u) => u.path)),
            files: l.files.slice(0, LISTED),
            unread: l.unread.slice(0, LISTED),
            unreadCount: l.unread.length,
          })),
        }
      : {}),
  };
}
