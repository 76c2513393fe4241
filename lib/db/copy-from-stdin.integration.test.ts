import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFromStdin, copyText, copyTextArray } from "@/lib/db/copy-from-stdin";

describe("copyFromStdin (COPY ... FROM STDIN over a pg client)", () => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`CREATE TEMP TABLE copied (n int PRIMARY KEY, label text, tags text[])`);
  });
  afterAll(async () => client?.end());

  const line = (n: number, label: string | null, tags: string[]) => `${n}\t${copyText(label)}\t${copyTextArray(tags)}\n`;

  it("stores every row as given: NULL, tabs, newlines, backslashes, quotes, commas and braces in arrays", async () => {
    await client.query("TRUNCATE copied");
    const odd = 'tab\there, new\nline, back\\slash, "quoted", 山田';
    const rows = [line(1, odd, ["Global Administrator", 'a "b", {c}', "back\\slash"]), line(2, null, []), line(3, "", ["x"])];
    expect(await copyFromStdin(client, "COPY copied (n, label, tags) FROM STDIN", rows)).toBe(3);
    const { rows: stored } = await client.query<{ n: number; label: string | null; tags: string[] }>("SELECT n, label, tags FROM copied ORDER BY n");
    expect(stored).toEqual([
      { n: 1, label: odd, tags: ["Global Administrator", 'a "b", {c}', "back\\slash"] },
      { n: 2, label: null, tags: [] },
      { n: 3, label: "", tags: ["x"] },
    ]);
  });

  it("streams a large async source in bounded messages, rows split across chunks", async () => {
    await client.query("TRUNCATE copied");
    async function* source() {
      for (let n = 0; n < 20_000; n += 1) {
        const text = line(n, `label ${n} ${"x".repeat(50)}`, [String(n)]);
        // Bytes split mid-row: CopyData messages need not end at a row.
        yield Buffer.from(text.slice(0, 7));
        yield text.slice(7);
      }
    }
    expect(await copyFromStdin(client, "COPY copied (n, label, tags) FROM STDIN", source())).toBe(20_000);
    expect((await client.query("SELECT count(*)::int AS c FROM copied")).rows).toEqual([{ c: 20_000 }]);
  });

  it("rejects with PostgreSQL's error on a bad row, stores nothing of it, and leaves the client usable", async () => {
    await client.query("TRUNCATE copied");
    const rows = [line(1, "a", []), "not-a-number\tb\t{}\n", line(3, "c", [])];
    await expect(copyFromStdin(client, "COPY copied (n, label, tags) FROM STDIN", rows)).rejects.toMatchObject({ code: "22P02" });
    expect((await client.query("SELECT count(*)::int AS c FROM copied")).rows).toEqual([{ c: 0 }]);
  });

  it("aborts the COPY when the source throws, with the source's error", async () => {
    await client.query("TRUNCATE copied");
    function* failing() {
      yield line(1, "a", []);
      throw new Error("the source broke");
    }
    await expect(copyFromStdin(client, "COPY copied (n, label, tags) FROM STDIN", failing())).rejects.toThrow("the source broke");
    expect((await client.query("SELECT count(*)::int AS c FROM copied")).rows).toEqual([{ c: 0 }]);
  });
});
