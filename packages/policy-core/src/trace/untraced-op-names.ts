import { type CallArgs, callArgs, str } from '../migrations/python-syntax.js';

/**
 * What an `op.*` call Slipway could not render would have made, named as entity-names.ts names
 * it, from the arguments that are literal: the later steps that fail for want of it are counted
 * under its cause, not printed each. Empty when nothing it makes is named literally.
 */
export function namesOpWouldMake(method: string, a: CallArgs, src: string, batchTable?: string): string[] {
  const shift = batchTable === undefined ? 0 : 1;
  const text = (i: number, kw: string) => {
    const n = a.positional[i] ?? a.keywords.get(kw);
    return str(n, src);
  };
  const schemaNode = a.keywords.get('schema');
  const schema = str(schemaNode, src);
  const table = (i: number, kw: string) => {
    if (batchTable !== undefined) return batchTable;
    const t = text(i, kw);
    return t === undefined || schema === undefined ? t : `${schema}.${t}`;
  };
  const names = (...n: (string | undefined)[]) => n.filter((x): x is string => x !== undefined);
  switch (method) {
    case 'create_table':
      return names(table(0, 'table_name'));
    case 'add_column': {
      const t = table(0, 'table_name');
      const column = a.positional[1 - shift] ?? a.keywords.get('column');
      const first = column?.name === 'CallExpression' ? callArgs(column, src).positional[0] : undefined;
      const name = str(first, src);
      return t === undefined || name === undefined ? [] : [`${t}.${name}`];
    }
    case 'create_index':
    case 'create_foreign_key':
    case 'create_unique_constraint':
    case 'create_check_constraint':
    case 'create_primary_key':
      return names(text(0, method === 'create_index' ? 'index_name' : 'constraint_name'));
    case 'rename_table':
      return names(text(1, 'new_table_name'));
    default:
      return [];
  }
}
