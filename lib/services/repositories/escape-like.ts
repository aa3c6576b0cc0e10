/** Escapes LIKE/ILIKE wildcards so user input matches literally (`\` is Postgres's default escape character). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
