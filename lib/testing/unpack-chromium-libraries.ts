import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";

/**
 * The npm-shipped Chromium (@sparticuz/chromium) links against NSS, which a bare machine may lack. The package
 * carries those libraries too (bin/al2023.tar.br, built for Amazon Linux 2023, glibc 2.34, so they load on any
 * newer glibc) but only unpacks them on AWS Lambda. We unpack them into a folder of our own and point the
 * browser's LD_LIBRARY_PATH at it, on every machine, so the npm path behaves the same everywhere it is used.
 */
export function chromiumLibraryDir(): string {
  return path.join(tmpdir(), `verifyd-chromium-libs-${process.getuid?.() ?? "user"}`, "lib");
}

/** Unpacks the bundled libraries once (a private folder; reused when it is ours and complete) and returns their folder. */
export function unpackChromiumLibraries(): string {
  const libDir = chromiumLibraryDir();
  const root = path.dirname(libDir);
  if (existsSync(path.join(root, ".complete"))) {
    assertPrivateFolder(root);
    return libDir;
  }
  rmSync(root, { recursive: true, force: true });
  const staging = `${root}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { mode: 0o700 });
  const archive = path.join(path.dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")), "..", "bin", "al2023.tar.br");
  extractTar(brotliDecompressSync(readFileSync(archive)), staging);
  writeFileSync(path.join(staging, ".complete"), "");
  try {
    renameSync(staging, root);
  } catch {
    // Another process finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
  }
  assertPrivateFolder(root);
  return libDir;
}

/** The temp directory is shared: never load libraries from a folder someone else made or can change. */
function assertPrivateFolder(folder: string): void {
  const stat = lstatSync(folder);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${folder} is not a private folder of yours; delete it and run again.`);
  }
}

/** A minimal ustar reader: regular files and symbolic links, which is all the archive holds. */
export function extractTar(tar: Buffer, into: string): string[] {
  const written: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1) || "0";
    const target = path.resolve(into, name);
    if (!target.startsWith(path.resolve(into) + path.sep)) throw new Error(`The archive names a path outside its folder: ${name}`);
    if (type === "5") mkdirSync(target, { recursive: true, mode: 0o700 });
    if (type === "0" || type === "2") mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    if (type === "0") writeFileSync(target, tar.subarray(offset + 512, offset + 512 + size), { mode: 0o700 });
    if (type === "2") symlinkSync(field(157, 100), target);
    if (type === "0" || type === "2") written.push(name);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return written;
}
