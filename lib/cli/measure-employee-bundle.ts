// The JavaScript an employee's phone downloads for each employee page, gzipped, from the production build's
// manifests (run `next build` first). Budget (issue 14): under 150 KB per page, ML runs on the server.
// Usage: npx tsx lib/cli/measure-employee-bundle.ts
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { z } from "zod";

export const EMPLOYEE_BUNDLE_BUDGET_KB = 150;

/** Every page an employee (not a console user) can reach. */
const EMPLOYEE_PAGES = ["(public)/verify/[token]/page", "(public)/verify/continue/page", "(public)/portal/page", "(public)/portal/continue/page"];

const buildManifestSchema = z.object({ rootMainFiles: z.array(z.string()) });
const clientManifestSchema = z.object({ entryJSFiles: z.record(z.string(), z.array(z.string())) });

export type PageBundle = { page: string; files: number; gzippedBytes: number };

function readClientManifest(buildDirectory: string, page: string): z.infer<typeof clientManifestSchema> {
  const file = path.join(buildDirectory, "server", "app", `${page}_client-reference-manifest.js`);
  // The manifest is a script assigning globalThis.__RSC_MANIFEST[route]: run it in an empty context, not in ours.
  const sandbox: { __RSC_MANIFEST?: Record<string, unknown> } = {};
  sandbox.__RSC_MANIFEST = {};
  runInNewContext(readFileSync(file, "utf8").replaceAll("globalThis.", ""), sandbox, { timeout: 1000 });
  return clientManifestSchema.parse(Object.values(sandbox.__RSC_MANIFEST)[0]);
}

/** The page's own entry chunks plus those of the layouts above it, plus the runtime every page loads. */
export function measureEmployeeBundles(projectDirectory = process.cwd()): PageBundle[] {
  const buildDirectory = path.join(projectDirectory, ".next");
  if (!existsSync(path.join(buildDirectory, "build-manifest.json"))) throw new Error("No production build: run `npx next build` first.");
  const { rootMainFiles } = buildManifestSchema.parse(JSON.parse(readFileSync(path.join(buildDirectory, "build-manifest.json"), "utf8")));
  return EMPLOYEE_PAGES.map((page) => {
    const { entryJSFiles } = readClientManifest(buildDirectory, page);
    const segments = page.split("/").slice(0, -1);
    const layouts = ["layout", ...segments.map((_, index) => `${segments.slice(0, index + 1).join("/")}/layout`)];
    const files = new Set(rootMainFiles);
    for (const entry of [...layouts, page]) for (const file of entryJSFiles[`[project]/app/${entry}`] ?? []) files.add(file);
    const gzippedBytes = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(path.join(buildDirectory, file)), { level: 9 }).length, 0);
    return { page: `/${page.replace(/\(public\)\//, "").replace(/\/page$/, "")}`, files: files.size, gzippedBytes };
  });
}

export function formatBundleReport(bundles: PageBundle[]): string[] {
  return bundles.map(({ page, files, gzippedBytes }) => {
    const kilobytes = gzippedBytes / 1024;
    return `  ${page.padEnd(22)} ${kilobytes.toFixed(1).padStart(6)} KB gzipped in ${files} files ${kilobytes <= EMPLOYEE_BUNDLE_BUDGET_KB ? "(within" : "(OVER"} the ${EMPLOYEE_BUNDLE_BUDGET_KB} KB budget)`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`Employee pages, JavaScript downloaded:\n${formatBundleReport(measureEmployeeBundles()).join("\n")}\n`);
}
