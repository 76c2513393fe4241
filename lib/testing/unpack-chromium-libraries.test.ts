import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { npmBuildEnv, resolveChromium } from "@/lib/testing/resolve-chromium";
import { extractTar, unpackChromiumLibraries } from "@/lib/testing/unpack-chromium-libraries";

function tarEntry(name: string, body: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, "utf8");
  header.write("0000644\0", 100);
  header.write(`${body.length.toString(8).padStart(11, "0")}\0`, 124);
  header.write("0", 156);
  header.write("ustar\0", 257);
  const data = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  data.write(body);
  return Buffer.concat([header, data]);
}

describe("the npm Chromium's own libraries", () => {
  const scratch = mkdtempSync(path.join(tmpdir(), "verifyd-tar-test-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("extracts the files of a tar archive and refuses a path outside its folder", () => {
    const archive = Buffer.concat([tarEntry("lib/libone.so", "one"), tarEntry("lib/two.chk", "two"), Buffer.alloc(1024)]);
    expect(extractTar(archive, scratch)).toEqual(["lib/libone.so", "lib/two.chk"]);
    expect(readFileSync(path.join(scratch, "lib/libone.so"), "utf8")).toBe("one");
    expect(() => extractTar(Buffer.concat([tarEntry("../escaped.so", "x"), Buffer.alloc(1024)]), scratch)).toThrow(/outside its folder/);
    expect(existsSync(path.join(scratch, "..", "escaped.so"))).toBe(false);
  });

  it("unpacks NSS from the package, and the browser's loader takes it from there rather than from the system", async () => {
    const libDir = unpackChromiumLibraries();
    expect(existsSync(path.join(libDir, "libnss3.so"))).toBe(true);
    const browser = await resolveChromium({ env: { CHROMIUM_SOURCE: "npm" } });
    expect(browser.env.LD_LIBRARY_PATH?.split(":")[0]).toBe(libDir);
    const ldd = execFileSync("ldd", [browser.executablePath], { encoding: "utf8", env: { ...process.env, ...npmBuildEnv({}) } });
    expect(ldd).not.toMatch(/not found/);
    expect(ldd).toMatch(new RegExp(`libnss3\\.so => ${libDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/libnss3\\.so`));
  });
});
