import pg from 'pg';

/**
 * A pg.Client that reports Postgres' `name` (19) and `"char"` (18) columns as text (25). Prisma's driver adapter
 * cannot deserialize those types (prisma/orm#27403), and the catalog queries of migrations return them.
 */
export class TextNamePgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const self = this as unknown as { query: (...args: unknown[]) => unknown };
    const original = self.query.bind(this);
    self.query = (...args: unknown[]) => {
      const result = original(...args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<pg.QueryResult>).then(fixFieldTypes);
      }
      return result;
    };
  }
}

function fixFieldTypes(result: pg.QueryResult): pg.QueryResult {
  if (Array.isArray(result)) {
    for (const r of result as pg.QueryResult[]) fixFieldTypes(r);
    return result;
  }
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
  }
  return result;
}

/** Connection settings as separate fields: Prisma's shadow-database logic misbehaves with a connectionString. */
export function poolConfigFromUrl(url: string, max = 10): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
    max,
    Client: TextNamePgClient,
  };
}
