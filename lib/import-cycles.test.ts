import path from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, domainGraph, importGraph, productionFiles } from "@/lib/testing/import-graph";

const root = path.resolve(import.meta.dirname, "..");
const graph = importGraph(root, productionFiles(root, ["lib", "app", "components"]));

/**
 * The one cycle left, in the verification flow (the session loader, the step planner of self-service and the
 * decision reach each other). Pinned so that it cannot grow and no other cycle can appear; shrink it, never add.
 */
const KNOWN_FILE_CYCLE = new Set([
  "lib/self-service/self-service-steps.ts",
  "lib/verification/requests/advance-verification.ts",
  "lib/verification/requests/decide-verification.ts",
  "lib/verification/requests/face-evidence-of.ts",
  "lib/verification/requests/load-verification-session.ts",
  "lib/verification/requests/possession-code.ts",
  "lib/verification/requests/read-live-birthday.ts",
]);
const KNOWN_DOMAIN_CYCLE = new Set(["lib/credential-reset", "lib/self-service", "lib/verification", "lib/wallet"]);

describe("import graph", () => {
  it("reads the code base (the graph is not empty, the port is in it)", () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get("lib/connections/provider-for-connection.ts")).toContain("lib/iam/create-identity-provider.ts");
  });

  it("has no file-level import cycle beyond the pinned one", () => {
    for (const cycle of cycles(graph)) expect(cycle.filter((file) => !KNOWN_FILE_CYCLE.has(file)), `cycle: ${cycle.join(" → ")}`).toEqual([]);
  });

  it("has no domain-level cycle beyond the pinned one: iam, connections, directory, jobs, events, config, crypto are in none", () => {
    // The sandbox and the CLIs start the product and are started by tests: tools, not layers.
    const domains = domainGraph(graph, ["lib/sandbox", "lib/cli", "lib/testing"]);
    const found = cycles(domains);
    for (const cycle of found) expect(cycle.filter((domain) => !KNOWN_DOMAIN_CYCLE.has(domain)), `cycle: ${cycle.join(" ↔ ")}`).toEqual([]);
    const inCycles = new Set(found.flat());
    for (const layer of ["lib/iam", "lib/connections", "lib/directory", "lib/jobs", "lib/events", "lib/config", "lib/crypto", "lib/db"]) expect(inCycles.has(layer), layer).toBe(false);
    // lib/iam is a leaf and domain code does not import the job runner.
    expect([...(domains.get("lib/iam") ?? [])]).toEqual([]);
    expect([...domains].filter(([domain, targets]) => domain !== "lib/jobs" && targets.has("lib/jobs")).map(([domain]) => domain)).toEqual([]);
  });

  it("finds a cycle when there is one (the detector itself)", () => {
    const sample = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cycles(sample)).toEqual([["a", "b", "c"]]);
  });
});
