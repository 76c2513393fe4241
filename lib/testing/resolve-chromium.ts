import { execFileSync } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { chromiumLibraryDir, unpackChromiumLibraries } from "@/lib/testing/unpack-chromium-libraries";

/** Where a machine's own Chromium usually lives (Debian, Ubuntu's older package name, Google's build). */
export const SYSTEM_CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] as const;

/**
 * The flags every test browser gets, whichever build it is: no sandbox (tests run as root in containers),
 * no GPU, /dev/shm is small in containers, and no background traffic to the internet (there is none here).
 * @sparticuz/chromium's own `chromium.args` are deliberately not used: they are tuned for AWS Lambda
 * (--single-process, --disable-web-security, --allow-running-insecure-content), which would change what
 * the tests observe about the app's security headers and cookies.
 */
export const CHROMIUM_LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

export type ChromiumSource = "env" | "system" | "npm";

export type ResolvedChromium = {
  executablePath: string;
  source: ChromiumSource;
  /** Extra environment for the browser process (the npm build brings its own fontconfig). */
  env: Record<string, string>;
};

const chromiumEnv = z.object({
  CHROMIUM_PATH: z.string().min(1).optional(),
  // "system" or "npm" forces one source (tests of the npm build on a machine that has a system Chromium;
  // `npm test` also passes "npm" along with CHROMIUM_PATH so children know which build they were handed).
  CHROMIUM_SOURCE: z.enum(["system", "npm"]).optional(),
});

export type ResolveChromiumOptions = {
  env?: Record<string, string | undefined>;
  candidates?: readonly string[];
  isExecutable?: (file: string) => boolean;
  /** Unpacks the npm-shipped build and returns its path (the default imports @sparticuz/chromium). */
  unpackBundled?: () => Promise<string>;
};

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

async function unpackSparticuzChromium(): Promise<string> {
  const { default: chromium } = await import("@sparticuz/chromium");
  const executablePath = await chromium.executablePath();
  // The package reuses whatever file is at <tmpdir>/chromium. /tmp is world-writable: never run a binary
  // that someone else could have planted or can still change.
  const stat = statSync(executablePath);
  const uid = process.getuid?.();
  if ((uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) {
    throw new Error(`${executablePath} is not owned by you or is writable by others; delete it and run again.`);
  }
  // The build links against NSS, which it carries but does not unpack off AWS Lambda: we unpack it ourselves.
  unpackChromiumLibraries();
  const missing = missingSharedLibraries(executablePath, npmBuildEnv(process.env));
  if (missing.length > 0) {
    throw new Error(`The Chromium that npm ships needs ${missing.join(", ")}, which this machine lacks: install them or set CHROMIUM_PATH.`);
  }
  return executablePath;
}

/** Shared libraries the dynamic loader cannot find for a binary (none when there is no `ldd`, i.e. not glibc). */
function missingSharedLibraries(executablePath: string, env: Record<string, string>): string[] {
  try {
    return parseMissingLibraries(execFileSync("ldd", [executablePath], { encoding: "utf8", env: { ...process.env, ...env } }));
  } catch {
    return []; // Let the launch itself report what is wrong.
  }
}

/** The libraries `ldd` lists as "libnss3.so => not found". */
export function parseMissingLibraries(lddOutput: string): string[] {
  return lddOutput
    .split("\n")
    .filter((line) => line.includes("=> not found"))
    .map((line) => line.trim().split(/\s+/)[0] ?? "");
}

/**
 * The npm build reads fonts only from the fontconfig file it unpacks next to itself, and loads NSS from the
 * libraries it carries (unpacked by unpackChromiumLibraries), ahead of any the system has.
 */
export function npmBuildEnv(env: Record<string, string | undefined>): Record<string, string> {
  const libraryPath = [chromiumLibraryDir(), ...(env.LD_LIBRARY_PATH ?? "").split(":").filter((entry) => entry && entry !== chromiumLibraryDir())].join(":");
  return { FONTCONFIG_PATH: env.FONTCONFIG_PATH ?? path.join(tmpdir(), "fonts"), LD_LIBRARY_PATH: libraryPath };
}

/**
 * Finds the Chromium that tests drive: CHROMIUM_PATH when set, else the machine's own Chromium, else the
 * headless build that arrives with `npm install` (@sparticuz/chromium, unpacked to the temp directory on
 * first use, offline). `npm test` resolves it once and hands the result to its children through the
 * environment, so they skip the search and never unpack it twice at the same time.
 */
export async function resolveChromium(options: ResolveChromiumOptions = {}): Promise<ResolvedChromium> {
  const env = options.env ?? process.env;
  const isExecutable = options.isExecutable ?? isExecutableFile;
  const { CHROMIUM_PATH, CHROMIUM_SOURCE } = chromiumEnv.parse({ CHROMIUM_PATH: env.CHROMIUM_PATH, CHROMIUM_SOURCE: env.CHROMIUM_SOURCE });

  if (CHROMIUM_PATH) {
    // An explicit path that does not work is an error, not a reason to quietly test another browser.
    if (!isExecutable(CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${CHROMIUM_PATH} is not an executable file.`);
    if (CHROMIUM_SOURCE === "npm") return { executablePath: CHROMIUM_PATH, source: "npm", env: npmBuildEnv(env) };
    return { executablePath: CHROMIUM_PATH, source: "env", env: {} };
  }
  if (CHROMIUM_SOURCE !== "npm") {
    const system = (options.candidates ?? SYSTEM_CHROMIUM_CANDIDATES).find(isExecutable);
    if (system) return { executablePath: system, source: "system", env: {} };
    if (CHROMIUM_SOURCE === "system") throw new Error("CHROMIUM_SOURCE=system, but no Chromium was found at /usr/bin.");
  }
  const executablePath = await (options.unpackBundled ?? unpackSparticuzChromium)();
  return { executablePath, source: "npm", env: npmBuildEnv(env) };
}

/** The environment that hands a resolved browser to a child process (see resolveChromium). */
export function chromiumChildEnv(resolved: ResolvedChromium): Record<string, string> {
  return {
    CHROMIUM_PATH: resolved.executablePath,
    ...(resolved.source === "npm" ? { CHROMIUM_SOURCE: "npm" } : {}),
  };
}
