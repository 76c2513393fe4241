import type { Context, Hono } from "hono";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";

/** Whether a route pattern (`/api/v1/users/:userId`, `/x/*`) matches a concrete path. */
function patternMatches(pattern: string, path: string): boolean {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  for (const [position, segment] of want.entries()) {
    if (segment === "*") return true;
    const actual = have[position];
    if (actual === undefined) return false;
    if (!segment.startsWith(":") && segment !== actual) return false;
  }
  return want.length === have.length;
}

/** The methods the app's handlers (not its middleware, registered for ALL) answer on `path`. */
export function allowedMethods(app: Hono, path: string): string[] {
  const methods = app.routes.filter((route) => route.method !== "ALL" && patternMatches(route.path, path)).map((route) => route.method);
  return [...new Set(methods)].sort();
}

/**
 * What the org answers for a management API path it has no handler for, in Okta's error shape: a known path with
 * another method is 405 E0000022 (with `Allow`, inferred), anything else 404 E0000007 naming the path and method
 * (the wording in parentheses is inferred). Other paths get a plain JSON 404.
 */
export function apiNotFound(app: Hono): (c: Context) => Response {
  return (c) => {
    const path = c.req.path;
    if (!path.startsWith("/api/")) return c.json({ error: "not_found" }, 404);
    const methods = allowedMethods(app, path);
    if (methods.length > 0) {
      c.header("Allow", methods.join(", "));
      return oktaError(c, "E0000022");
    }
    return oktaError(c, "E0000007", [], `Not found: Resource not found: ${path} (${c.req.method})`);
  };
}
