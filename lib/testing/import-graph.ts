import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Production source files (no tests, no test support, no generated client) under the given folders. */
export function productionFiles(root: string, folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== "generated" && name !== "testing" && name !== "node_modules") walk(full);
      } else if (/\.tsx?$/.test(name) && !name.endsWith(".test.ts")) {
        files.push(path.relative(root, full));
      }
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return files.sort();
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+["']@\/([^"']+)["']|import\(\s*["']@\/([^"']+)["']\s*\)/g;

function resolve(root: string, specifier: string): string | null {
  for (const candidate of [`${specifier}.ts`, `${specifier}.tsx`, `${specifier}/index.ts`]) {
    if (existsSync(path.join(root, candidate))) return candidate;
  }
  return null;
}

/** file → files it imports through the `@/` alias (type-only imports included: they are dependencies too). */
export function importGraph(root: string, files: readonly string[]): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const match of readFileSync(path.join(root, file), "utf8").matchAll(IMPORT)) {
      const target = resolve(root, match[2] ?? match[3] ?? "");
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The folder a file belongs to: `lib/<domain>`, or `app`, `components`. */
export function domainOf(file: string): string {
  const [top, second] = file.split("/");
  return top === "lib" && second ? `lib/${second.replace(/\.tsx?$/, "")}` : (top ?? file);
}

/** The domain graph of `lib/` (edges between different domains only). */
export function domainGraph(graph: Map<string, Set<string>>, exclude: readonly string[]): Map<string, Set<string>> {
  const domains = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = domainOf(file);
    if (!from.startsWith("lib/") || exclude.includes(from)) continue;
    for (const target of targets) {
      const to = domainOf(target);
      if (to === from || !to.startsWith("lib/") || exclude.includes(to)) continue;
      domains.set(from, (domains.get(from) ?? new Set()).add(to));
    }
  }
  return domains;
}

/** Strongly connected components with more than one member (each an import cycle), members sorted (Tarjan). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === node) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}
