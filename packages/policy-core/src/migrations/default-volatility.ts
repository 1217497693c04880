import { asArr, asObj, type Obj } from './sql-node.js';

/**
 * Whether a column default is volatile, read from libpg-query's expression tree. PostgreSQL 11+
 * stores a non-volatile default once in the catalog and adds the column without touching a row;
 * a volatile one (a value per row) makes it rewrite the whole table under ACCESS EXCLUSIVE.
 *
 * Volatility is a property of the function (`pg_proc.provolatile`). The names below are the
 * volatile functions PostgreSQL ships that can stand in a default (from `pg_proc` where
 * `provolatile = 'v'`), plus those of the extensions migrations use for ids (uuid-ossp,
 * pgcrypto). A function of the database's own is taken as non-volatile: Slipway cannot see its
 * definition, and flagging every unknown name would be a false alarm far more often than not;
 * `slipway trace` runs the statement and shows whether the table was rewritten.
 */

/**
 * How a column default behaves when it is added: PostgreSQL 11+ stores a non-volatile one without a rewrite.
 */
export type DefaultVolatility = 'constant' | 'stable' | 'volatile';

const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'clock_timestamp',
  'currval',
  'gen_random_bytes',
  'gen_random_uuid',
  'lastval',
  'nextval',
  'random',
  'random_normal',
  'setval',
  'timeofday',
  'txid_current',
  'pg_current_xact_id',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
]);

export function isVolatileFunction(name: string): boolean {
  return VOLATILE_FUNCTIONS.has(name.toLowerCase());
}

const RANK: Record<DefaultVolatility, number> = { constant: 0, stable: 1, volatile: 2 };

export interface VolatilityResult {
  volatility: DefaultVolatility;
  /** The volatile function, when one decides it. */
  fn?: string;
}

function worst(a: VolatilityResult, b: VolatilityResult): VolatilityResult {
  return RANK[b.volatility] > RANK[a.volatility] ? b : a;
}

function funcName(call: Obj): string | undefined {
  const names = asArr(call.funcname);
  const last = asObj(asObj(names[names.length - 1])?.String)?.sval;
  return typeof last === 'string' ? last : undefined;
}

/** The volatility of an expression node (`{ FuncCall: {...} }`, `{ A_Const: {...} }`, ...). */
export function expressionVolatility(node: unknown): VolatilityResult {
  const wrapped = asObj(node);
  if (!wrapped) return { volatility: 'constant' };
  const [kind] = Object.keys(wrapped);
  const n = asObj(wrapped[kind as string]) ?? {};
  switch (kind) {
    case 'A_Const':
      return { volatility: 'constant' };
    case 'TypeCast':
    case 'CollateClause':
      return expressionVolatility(n.arg);
    case 'SQLValueFunction':
      // CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_USER ...: one value per statement.
      return { volatility: 'stable' };
    case 'FuncCall': {
      const name = funcName(n);
      if (name !== undefined && isVolatileFunction(name)) return { volatility: 'volatile', fn: name };
      return asArr(n.args).map(expressionVolatility).reduce(worst, { volatility: 'stable' });
    }
    case 'A_Expr':
      return worst(expressionVolatility(n.lexpr), expressionVolatility(n.rexpr));
    case 'BoolExpr':
    case 'CoalesceExpr':
    case 'MinMaxExpr':
      return asArr(n.args).map(expressionVolatility).reduce(worst, { volatility: 'constant' });
    case 'A_ArrayExpr':
      return asArr(n.elements).map(expressionVolatility).reduce(worst, { volatility: 'constant' });
    case 'CaseExpr': {
      const parts = [
        n.arg,
        n.defresult,
        ...asArr(n.args).flatMap((w) => [asObj(asObj(w)?.CaseWhen)?.expr, asObj(asObj(w)?.CaseWhen)?.result]),
      ];
      return parts.map(expressionVolatility).reduce(worst, { volatility: 'constant' });
    }
    case 'NullTest':
      return expressionVolatility(n.arg);
    default:
      // A subquery or anything else that may read or call more: PostgreSQL treats it as volatile.
      return kind === 'SubLink' ? { volatility: 'volatile', fn: 'a subquery' } : { volatility: 'stable' };
  }
}
