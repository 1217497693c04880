/**
 * Python's one-character string escapes (`\n`, `\t`, `\'`, …) and what each stands for: read by
 * the Alembic reader's string literals and by the PEP 508 marker strings of requirements files.
 */
export const PYTHON_SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
