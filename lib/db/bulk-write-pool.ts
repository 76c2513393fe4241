import pg from "pg";
import { getServerEnv } from "@/lib/config/server-env";

/**
 * A small pg pool beside Prisma's, for the statements that move a directory page (~1 000 rows, ~400 KB) at a
 * time. Through Prisma a raw query's parameters and plan cross the query compiler's Wasm boundary as JSON, and a
 * page cost the one JavaScript thread more than the statement cost PostgreSQL (DECISIONS 82). Same DATABASE_URL,
 * so the same role and privileges; a new URL (tests switch databases) gets a new pool, and idle connections
 * never keep a script alive.
 */
const POOL_SIZE = 4;
/** As Prisma's `maxWait`: how long a page may wait for a connection. */
const CONNECT_TIMEOUT_MS = 30_000;

let current: { url: string; pool: pg.Pool } | null = null;

function bulkWritePool(): pg.Pool {
  const url = getServerEnv().DATABASE_URL;
  if (current?.url === url) return current.pool;
  void current?.pool.end().catch(() => undefined);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  // An idle connection that dies (a restarting server, a dropped test database) is discarded, not fatal.
  pool.on("error", () => undefined);
  current = { url, pool };
  return pool;
}

/** Closes the pool (scripts and tests that stop their database); the next transaction opens a new one. */
export async function closeBulkWritePool(): Promise<void> {
  const closing = current;
  current = null;
  await closing?.pool.end();
}

class TransactionTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`The transaction did not finish within ${timeoutMs} ms and was rolled back.`);
    this.name = "TransactionTimeoutError";
  }
}

/**
 * Runs `body` in one transaction on a pooled connection: COMMIT when it resolves, ROLLBACK when it throws (the
 * error is rethrown). Past `timeoutMs` the connection is destroyed, which makes PostgreSQL roll the transaction
 * back and release its locks (a statement may still be running on it), as Prisma's interactive-transaction
 * timeout does. `asyncCommit`: the COMMIT does not wait for its WAL flush (see writeMembersPage).
 */
export async function withBulkWriteTransaction<T>(body: (client: pg.PoolClient) => Promise<T>, options: { timeoutMs: number; asyncCommit?: boolean }): Promise<T> {
  const client = await bulkWritePool().connect();
  let timer: NodeJS.Timeout | undefined;
  let discard: Error | undefined;
  try {
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransactionTimeoutError(options.timeoutMs)), options.timeoutMs);
    });
    const run = async () => {
      // One round trip: each one waits for this process's event loop, busy parsing the next page.
      await client.query(options.asyncCommit ? "BEGIN; SET LOCAL synchronous_commit = off" : "BEGIN");
      const result = await body(client);
      await client.query("COMMIT");
      return result;
    };
    const running = run();
    // After a timeout the body may still fail on the destroyed connection: that is not a second error.
    running.catch(() => undefined);
    return await Promise.race([running, expired]);
  } catch (error) {
    if (error instanceof TransactionTimeoutError) discard = error;
    else await client.query("ROLLBACK").catch((rollbackError: unknown) => (discard = rollbackError instanceof Error ? rollbackError : new Error("ROLLBACK failed")));
    throw error;
  } finally {
    clearTimeout(timer);
    client.release(discard);
  }
}
