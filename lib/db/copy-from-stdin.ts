import type { ClientBase, Connection } from "pg";

/** What a COPY ... FROM STDIN needs of the protocol connection (pg has these; its typings do not list them). */
type CopyConnection = {
  readonly stream: { writableLength: number; once(event: "drain", listener: () => void): unknown };
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
};

/** Bytes per CopyData message: a few large messages, never one holding every row. */
const CHUNK_BYTES = 256 * 1024;
/**
 * Bytes the socket may hold before the source waits for it to drain. A page of rows (a few hundred KB) goes out
 * in one go, in the same turn of the event loop as its CopyDone: waiting for 'drain' between its chunks made each
 * COPY wait for the busy event loop (the next page being parsed) several times. Only large sources (a benchmark's
 * million rows) are paced by the server.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Lines of COPY's text format (each ending in "\n"), or raw bytes of such a file (chunks need not end at a row). */
export type CopySource = Iterable<string | Buffer> | AsyncIterable<string | Buffer>;

async function pump(connection: CopyConnection, source: CopySource, stopped: () => boolean): Promise<void> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  const flush = () => {
    connection.sendCopyFromChunk(pending.length === 1 && pending[0] ? pending[0] : Buffer.concat(pending));
    pending = [];
    pendingLength = 0;
  };
  /** Adds a piece; true when the socket holds so much that the source should wait for it to drain. */
  const add = (piece: string | Buffer): boolean => {
    const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
    pending.push(bytes);
    pendingLength += bytes.length;
    if (pendingLength < CHUNK_BYTES) return false;
    flush();
    return connection.stream.writableLength > MAX_BUFFERED_BYTES;
  };
  const drained = () => new Promise<void>((resolve) => connection.stream.once("drain", resolve));
  // An array is walked without awaiting each row (for await would take a turn of the microtask queue per row).
  if (Symbol.iterator in source) {
    for (const piece of source) {
      // The server refused the COPY (a bad row, a constraint): it ignores the rest, so stop producing it.
      if (stopped()) return;
      if (add(piece)) await drained();
    }
  } else {
    for await (const piece of source) {
      if (stopped()) return;
      if (add(piece)) await drained();
    }
  }
  if (pending.length > 0) flush();
}

/**
 * Runs `COPY <table> (...) FROM STDIN` on one pg client, sending `source` as CopyData messages of ~256 KB, and
 * resolves with the number of rows copied. A pg "submittable", as pg-copy-streams is, without a dependency or
 * its stream machinery. A throwing source aborts the COPY (CopyFail): nothing of it is left behind.
 */
export function copyFromStdin(client: ClientBase, sql: string, source: CopySource): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let rowCount = 0;
    let failure: unknown = null;
    let refused = false;
    client.query({
      submit(connection: Connection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: CopyConnection) {
        pump(connection, source, () => refused).then(
          () => {
            if (!refused) connection.endCopyFrom();
          },
          (error: unknown) => {
            failure = error;
            connection.sendCopyFail(error instanceof Error ? error.message : "COPY source failed");
          },
        );
      },
      handleCommandComplete(message: { text?: string }) {
        rowCount = Number(/^COPY (\d+)/.exec(message.text ?? "")?.[1] ?? 0);
      },
      handleReadyForQuery() {
        resolve(rowCount);
      },
      handleError(error: Error) {
        refused = true;
        reject(failure ?? error);
      },
      // Messages a COPY FROM never gets; pg calls them on whatever query is active.
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handleCopyData: () => undefined,
    });
  });
}

/** One value in COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character] ?? character) : value;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A text[] in COPY's text format: {"a","b"} with quotes and backslashes escaped inside the array literal. */
export function copyTextArray(values: string[]): string {
  return copyText(`{${values.map((value) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(",")}}`);
}
