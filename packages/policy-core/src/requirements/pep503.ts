/**
 * PEP 503 name normalisation: runs of `-`, `_` and `.` collapse to one `-`, then lower case.
 * This is the key two requirement names are compared by (packaging's `canonicalize_name`).
 */
export function normalizeName(name: string): string {
  let simple = true;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    // Fast path: already lower-case letters and digits, single inner dashes.
    if (
      !((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c === 45 && i > 0 && name.charCodeAt(i - 1) !== 45))
    ) {
      simple = false;
      break;
    }
  }
  if (simple) return name;
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
