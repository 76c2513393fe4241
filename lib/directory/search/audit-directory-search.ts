import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import { type AuditActor, consoleUserActor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { getServerEnv } from "@/lib/config/server-env";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";

/** Searches per console user and minute: far above an agent typing names, far below scraping the directory. */
export const DIRECTORY_SEARCH_LIMIT = { name: "directory:search", limit: 120, windowSeconds: 60 } satisfies RateLimitRule;

export const DIRECTORY_SEARCH_LIMITED = "You searched the directory more than 120 times in the last minute. Wait a minute, then search again.";

export type DirectorySearchSource = "helpdesk" | "directory" | "api";
/** A console user, or an API key (its audit actor given): the ceiling is counted per id either way. */
type Searcher = { id: string; email: string } | { id: string; actor: AuditActor };

function searcherActor(searcher: Searcher): AuditActor {
  return "actor" in searcher ? searcher.actor : consoleUserActor(searcher);
}
type RequestInfo = { ip?: string; userAgent?: string };

let queryKey: Buffer | undefined;

// A query is a name, an e-mail or a phone number: personal data the audit log must not hold in clear. A keyed
// hash still lets an investigator who knows a query (and runs code with the server's AUTH_SECRET) find its searches;
// a plain SHA-256 of a name or a 10-digit number would be reversed by brute force.
function searchQueryKey(): Buffer {
  queryKey ??= Buffer.from(hkdfSync("sha256", getServerEnv().AUTH_SECRET, "verifyd", "directory-search-query-v1", 32));
  return queryKey;
}

/** HMAC-SHA256 of the query as searched (Unicode NFC, trimmed, lower case, inner spaces collapsed). */
export function hashSearchQuery(query: string): string {
  const normalised = query.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
  return createHmac("sha256", searchQueryKey()).update(normalised, "utf8").digest("base64url");
}

/**
 * Runs one directory search for a console user: first counts it against the user's per-minute ceiling (one atomic
 * upsert, so a parallel burst cannot slip past), then searches, then records `directory.searched` with the hashed
 * query and the number of results before they are returned (no event, no results). Over the ceiling it throws
 * `rate_limited` (HTTP 429) and records `directory.search_rate_limited` once per window, not once per refusal.
 */
export async function runAuditedSearch<T>(
  user: Searcher,
  search: { query: string; source: DirectorySearchSource },
  request: RequestInfo | undefined,
  run: () => Promise<{ result: T; count: number }>,
): Promise<T> {
  const state = await hitRateLimit(DIRECTORY_SEARCH_LIMIT, user.id);
  if (state.count > DIRECTORY_SEARCH_LIMIT.limit) {
    if (state.count === DIRECTORY_SEARCH_LIMIT.limit + 1) {
      await recordAuditEvent(db(), { actor: searcherActor(user), action: "directory.search_rate_limited", request, details: { source: search.source, limit: DIRECTORY_SEARCH_LIMIT.limit, windowSeconds: DIRECTORY_SEARCH_LIMIT.windowSeconds } });
    }
    throw new AppError("rate_limited", DIRECTORY_SEARCH_LIMITED);
  }
  const { result, count } = await run();
  await recordAuditEvent(db(), {
    actor: searcherActor(user),
    action: "directory.searched",
    request,
    details: { source: search.source, queryHash: hashSearchQuery(search.query), resultCount: count },
  });
  return result;
}

/** One employee's directory page was shown to a console user. */
export async function recordEmployeeViewed(user: { id: string; email: string }, employee: { id: string; login: string }, request?: RequestInfo): Promise<void> {
  await recordAuditEvent(db(), {
    actor: consoleUserActor(user),
    action: "directory.employee_viewed",
    target: { type: "employee", id: employee.id, label: employee.login },
    request,
    details: { employeeId: employee.id },
  });
}
