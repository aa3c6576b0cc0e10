import pg from 'pg';

/**
 * Runs `fn` on a connection of its own that holds a session-level advisory lock on `key` meanwhile, so instances
 * starting together take turns at start-up work (migrations, job queue creation). Should the process die, the lock
 * goes with its connection.
 */
export async function withSessionLock<T>(url: string, key: number, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'berth-setup' });
  // A connection lost while idle would otherwise end the process; the next query on it fails instead.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await fn(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
