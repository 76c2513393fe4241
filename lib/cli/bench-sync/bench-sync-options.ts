import { z } from "zod";

export const VENDORS = ["entra", "okta"] as const;
export type Vendor = (typeof VENDORS)[number];

/**
 * What a page costs at the real vendors, for the `real` latency: Graph ~300 ms for 999 users with our $select,
 * Okta ~150 ms per group-members page (issue 17's figures).
 */
export const REALISTIC_LATENCY_MS: Record<Vendor, number> = { entra: 300, okta: 150 };

/** "a, b,c" as ["a", "b", "c"]. */
const commaList = z.string().transform((text) => text.split(",").map((part) => part.trim()).filter((part) => part !== ""));

const count = z.coerce.number<string>().int().min(1).max(5_000_000);
/** A latency in ms, or `real` for the vendor's realistic one (REALISTIC_LATENCY_MS). */
const latency = z.union([z.literal("real"), z.coerce.number<string>().int().min(0).max(10_000)]);

export const benchSyncOptionsSchema = z
  .object({
    /** Group sizes, one sandbox per vendor and size. */
    sizes: commaList.pipe(z.array(count).min(1)).default([100_000]),
    /** Per-page latencies the sandbox adds to every API call. */
    latencies: commaList.pipe(z.array(latency).min(1)).default([0, "real"]),
    vendors: commaList.pipe(z.array(z.enum(VENDORS)).min(1)).default([...VENDORS]),
    /** Employees changed in the sandbox before the incremental pass (0 = no incremental pass). */
    changes: z.coerce.number().int().min(0).max(100_000).default(100),
    /** Time a bare COPY of the same rows at 0 ms (the write limit); `false` skips it. */
    copy: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
  })
  .strict();
export type BenchSyncOptions = z.infer<typeof benchSyncOptionsSchema>;

const ENV_NAMES: Record<keyof BenchSyncOptions, string> = {
  sizes: "BENCH_SIZES",
  latencies: "BENCH_LATENCIES",
  vendors: "BENCH_VENDORS",
  changes: "BENCH_CHANGES",
  copy: "BENCH_COPY",
};

export const BENCH_SYNC_USAGE = `npm run bench:sync -- [--sizes=100000] [--latencies=0,real] [--vendors=entra,okta] [--changes=100] [--copy=true]
  --sizes      group sizes (env BENCH_SIZES), e.g. 10000,100000,1000000
  --latencies  ms added to every API call (env BENCH_LATENCIES); "real" = Graph 300 ms, Okta 150 ms
  --vendors    entra, okta or both (env BENCH_VENDORS)
  --changes    employees changed before the incremental pass, 0 = none (env BENCH_CHANGES)
  --copy       time a bare COPY of the same rows at 0 ms (env BENCH_COPY)
Flags win over environment variables.`;

/** Options from `--name=value` flags, then BENCH_* variables, then defaults; throws a readable error otherwise. */
export function parseBenchSyncOptions(argv: string[], env: Record<string, string | undefined>): BenchSyncOptions {
  const raw: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== "") raw[key] = value;
  }
  for (const argument of argv) {
    const match = /^--([a-z]+)=(.*)$/.exec(argument);
    if (!match?.[1]) throw new Error(`Unknown argument ${JSON.stringify(argument)}.\n${BENCH_SYNC_USAGE}`);
    raw[match[1]] = match[2] ?? "";
  }
  const parsed = benchSyncOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ");
    throw new Error(`Invalid bench:sync options (${problems}).\n${BENCH_SYNC_USAGE}`);
  }
  return parsed.data;
}

export function latencyFor(vendor: Vendor, value: number | "real"): number {
  return value === "real" ? REALISTIC_LATENCY_MS[vendor] : value;
}
