import path from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, domainGraph, importGraph, productionFiles } from "@/lib/testing/import-graph";

const root = path.resolve(import.meta.dirname, "..");
const graph = importGraph(root, productionFiles(root, ["lib", "app", "components"]));

describe("import graph", () => {
  it("reads the code base (the graph is not empty, the port is in it)", () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get("lib/connections/provider-for-connection.ts")).toContain("lib/iam/create-identity-provider.ts");
  });

  it("has no file-level import cycle", () => {
    expect(cycles(graph).map((cycle) => cycle.join(" → "))).toEqual([]);
  });

  it("has no domain-level cycle between the folders of lib/", () => {
    // The sandbox and the CLIs start the product and are started by tests: tools, not layers.
    const domains = domainGraph(graph, ["lib/sandbox", "lib/cli", "lib/testing"]);
    expect(domains.size).toBeGreaterThan(15);
    expect(cycles(domains).map((cycle) => cycle.join(" ↔ "))).toEqual([]);
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
