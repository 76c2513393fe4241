import { describe, expect, it, vi } from "vitest";
import { chromiumChildEnv, parseMissingLibraries, resolveChromium } from "./resolve-chromium";

const candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function machine(executables: string[]) {
  const unpackBundled = vi.fn(async () => "/tmp/chromium");
  return { candidates, isExecutable: (file: string) => executables.includes(file), unpackBundled };
}

describe("resolveChromium", () => {
  it("uses CHROMIUM_PATH first, even when a system Chromium exists", async () => {
    const options = machine(["/opt/chrome/chrome", "/usr/bin/chromium"]);
    const resolved = await resolveChromium({ ...options, env: { CHROMIUM_PATH: "/opt/chrome/chrome" } });
    expect(resolved).toEqual({ executablePath: "/opt/chrome/chrome", source: "env", env: {} });
    expect(options.unpackBundled).not.toHaveBeenCalled();
  });

  it("refuses a CHROMIUM_PATH that is not there instead of quietly testing another browser", async () => {
    const options = machine(["/usr/bin/chromium"]);
    await expect(resolveChromium({ ...options, env: { CHROMIUM_PATH: "/nope/chrome" } })).rejects.toThrow("CHROMIUM_PATH=/nope/chrome");
  });

  it("takes the system candidates in order", async () => {
    const resolved = await resolveChromium({ ...machine(["/usr/bin/google-chrome", "/usr/bin/chromium-browser"]), env: {} });
    expect(resolved).toMatchObject({ executablePath: "/usr/bin/chromium-browser", source: "system" });
  });

  it("falls back to the npm build on a machine without Chromium, with its own fontconfig", async () => {
    const options = machine([]);
    const resolved = await resolveChromium({ ...options, env: {} });
    expect(resolved).toMatchObject({ executablePath: "/tmp/chromium", source: "npm" });
    expect(resolved.env.FONTCONFIG_PATH).toMatch(/fonts$/);
    expect(options.unpackBundled).toHaveBeenCalledOnce();
  });

  it("CHROMIUM_SOURCE=npm skips the system Chromium; =system refuses to fall back", async () => {
    const npm = machine(["/usr/bin/chromium"]);
    expect(await resolveChromium({ ...npm, env: { CHROMIUM_SOURCE: "npm" } })).toMatchObject({ source: "npm" });
    const system = machine([]);
    await expect(resolveChromium({ ...system, env: { CHROMIUM_SOURCE: "system" } })).rejects.toThrow("no Chromium");
    expect(system.unpackBundled).not.toHaveBeenCalled();
  });

  it("hands a resolved npm build to children so they neither search nor unpack again", async () => {
    const first = await resolveChromium({ ...machine([]), env: {} });
    const child = machine(["/tmp/chromium"]);
    const again = await resolveChromium({ ...child, env: chromiumChildEnv(first) });
    expect(again).toEqual(first);
    expect(child.unpackBundled).not.toHaveBeenCalled();
  });
});

describe("parseMissingLibraries", () => {
  it("names the libraries ldd cannot find, so a bare machine gets one sentence instead of a launch crash", () => {
    const ldd = [
      "\tlinux-vdso.so.1 (0x00007ffd0b5f2000)",
      "\tlibnspr4.so => not found",
      "\tlibnss3.so => not found",
      "\tlibexpat.so.1 => /lib/x86_64-linux-gnu/libexpat.so.1 (0x00007f0c4c3a1000)",
      "\t/lib64/ld-linux-x86-64.so.2 (0x00007f0c4c400000)",
    ].join("\n");
    expect(parseMissingLibraries(ldd)).toEqual(["libnspr4.so", "libnss3.so"]);
    expect(parseMissingLibraries("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)")).toEqual([]);
  });
});
