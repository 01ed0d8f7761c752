/** Names and URLs for the throwaway databases of a PostgreSQL test run. */
export function templateName(): string {
  return `jiesu_tpl_${process.pid}`;
}

/** The maintenance database of the server in DATABASE_URL, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
