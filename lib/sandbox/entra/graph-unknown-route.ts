import type { Context } from "hono";
import { graphError } from "@/lib/sandbox/entra/graph-errors";

type RouteEntry = { method: string; path: string };

/** A Hono route path as a regular expression: `:name` and `:name{re}` are one segment, `*` the rest. */
function patternOf(path: string): RegExp {
  let source = "";
  for (const part of path.split("/").filter(Boolean)) {
    if (part === "*") source += "(?:/.*)?";
    else if (part.startsWith(":")) source += `/${/\{(.+)\}$/.exec(part)?.[1] ?? "[^/]+"}`;
    else source += `/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  }
  return new RegExp(`^${source || "/"}/?$`);
}

/**
 * The last handler of the Graph app (registered after every route, behind the auth middleware): what Graph answers
 * for a path it has no resource for and for a method the resource does not take. Graph names the segment it could
 * not resolve in a 400 BadRequest ("Resource not found for the segment 'x'.", seen in microsoftgraph/
 * microsoft-graph-docs#4052), and answers a known resource with another method with 405 Request_BadRequest
 * "Specified HTTP method is not allowed for the request target." (the JSON batching article's example response).
 * Hono does not call a mounted sub-app's notFound, hence a catch-all route rather than `notFound`.
 */
export function unknownGraphRoute(routes: () => readonly RouteEntry[], prefix: string) {
  let compiled: Array<{ method: string; pattern: RegExp }> | null = null;
  return (c: Context): Response => {
    compiled ??= routes()
      .filter((route) => route.method !== "ALL")
      .map((route) => ({ method: route.method, pattern: patternOf(route.path) }));
    const path = c.req.path.startsWith(prefix) ? c.req.path.slice(prefix.length) || "/" : c.req.path;
    if (compiled.some((route) => route.method !== c.req.method && route.pattern.test(path))) {
      return graphError(c, 405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
    }
    const segment = decodeURIComponent(path.split("/").filter(Boolean).pop() ?? "");
    return graphError(c, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
  };
}
