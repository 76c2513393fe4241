import { createHash, randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { chmod, cp, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { PostgresBinaries } from "./postgres-cluster";

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to enter every folder above its binaries
 * and its data. A project under a private home folder (/root is mode 700) is out of its reach; there the
 * binaries are copied, and the data kept, under this folder instead (root-owned, 755; the data folder inside
 * stays 700 and belongs to postgres). /var/lib rather than /tmp: a dev database must survive temp cleaning.
 */
export const REACHABLE_ROOT = "/var/lib/verifyd";

type Stat = (file: string) => { mode: number; uid: number };

/**
 * The first folder on the way to `target` (itself included) that other users may not enter, or undefined.
 * Only the "others" bit is read: the postgres user owns none of these folders and is in none of their groups.
 */
export function blockedFolder(target: string, stat: Stat = statSync): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let depth = 0; depth <= parts.length; depth += 1) {
    const folder = path.sep + parts.slice(0, depth).join(path.sep);
    let mode: number;
    try {
      mode = stat(folder).mode;
    } catch {
      return undefined; // Not there yet: it will be created (mkdir's default 755 is enterable).
    }
    if ((mode & 0o001) === 0) return folder;
  }
  return undefined;
}

/**
 * Binaries the postgres user can run: the package's own when reachable, else a copy of its `native` folder
 * (bin, lib, share: PostgreSQL finds lib and share relative to bin) made once per package version.
 */
export async function reachableBinaries(binaries: PostgresBinaries, version: string, root = REACHABLE_ROOT): Promise<PostgresBinaries> {
  const nativeDir = path.resolve(path.dirname(binaries.postgres), "..");
  if (!blockedFolder(nativeDir)) return binaries;
  const copy = path.join(root, `postgres-${version}`);
  const relocate = (binary: string) => path.join(copy, path.relative(nativeDir, binary));
  if (!existsSync(relocate(binaries.postgres))) {
    await mkdir(root, { recursive: true, mode: 0o755 });
    await chmod(root, 0o755);
    // Copy under a temporary name, then rename: a half-made copy is never taken for a finished one.
    const partial = `${copy}.partial-${randomBytes(4).toString("hex")}`;
    await cp(nativeDir, partial, { recursive: true, dereference: true });
    await chmod(partial, 0o755);
    await rename(partial, copy).catch(async (error: unknown) => {
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(relocate(binaries.postgres))) throw error; // else another process finished first
    });
  }
  return { postgres: relocate(binaries.postgres), initdb: relocate(binaries.initdb) };
}

/**
 * Where the cluster's data lives: `dataDir` when the postgres user can reach it, else a folder under
 * REACHABLE_ROOT named after dataDir's path (so the same project finds its database again).
 */
export async function reachableDataDir(dataDir: string, root = REACHABLE_ROOT): Promise<{ dataDir: string; blocked?: string }> {
  const blocked = blockedFolder(path.dirname(dataDir));
  if (!blocked) return { dataDir };
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
  const parent = path.join(root, `data-${key}`);
  await mkdir(parent, { recursive: true, mode: 0o755 });
  await chmod(root, 0o755);
  await chmod(parent, 0o755);
  return { dataDir: path.join(parent, path.basename(dataDir)), blocked };
}
