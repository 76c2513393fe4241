import type { Client } from "@okta/okta-sdk-nodejs";
import { type DirectoryEmployee, type MembersPage, ProviderError } from "@/lib/iam/identity-provider";
import { fetchOktaLogPage, OKTA_LOG_PAGE_SIZE } from "@/lib/iam/okta/fetch-okta-log-page";
import { changedUsers } from "@/lib/iam/okta/okta-log-changes";
import { decodeOktaDeltaCursor, decodeOktaDeltaLink, encodeOktaCursor, type OktaDeltaCursor, type SeenEvent } from "@/lib/iam/okta/okta-sync-cursor";
import { resolveOktaUsers } from "@/lib/iam/okta/resolve-okta-users";

/** Each run re-reads the log from this long before its position: events may reach the log minutes late. */
export const LOG_LOOKBACK_MS = 5 * 60_000;
/** Okta keeps 90 days of System Log; a position older than that (less the look-back) may have lost events. */
export const LOG_RETENTION_MS = 90 * 86_400_000;
/** More changed users than this: a full pass costs fewer calls than one or two per user. */
export const MAX_CHANGED_USERS = 1000;
/** Changed users re-read per page (one membership check each, and one list call per 20 of them). */
export const RESOLVE_BATCH = 100;
/** Applied events remembered for de-duplication; those older than twice the look-back cannot come back. */
const MAX_SEEN = 1000;

const deltaExpired = (message: string) => new ProviderError(message, { retryable: false, problem: "delta_expired" });

function keepSeen(seen: SeenEvent[], atMs: number): SeenEvent[] {
  return seen.filter((entry) => entry.t >= atMs - 2 * LOG_LOOKBACK_MS).slice(-MAX_SEEN);
}

function page(cursor: OktaDeltaCursor, employees: DirectoryEmployee[] = [], removed: string[] = []): MembersPage {
  return { employees, removedExternalIds: removed, nextCursor: encodeOktaCursor(cursor), deltaLink: null, expectedTotal: null };
}

/** The last page: the next run reads the log from `at`, skipping the events applied near it. */
function finish(cursor: OktaDeltaCursor, employees: DirectoryEmployee[] = [], removed: string[] = []): MembersPage {
  const deltaLink = encodeOktaCursor({ v: 1, at: cursor.at, seen: keepSeen(cursor.seen, Date.parse(cursor.at)) });
  return { employees, removedExternalIds: removed, nextCursor: null, deltaLink, expectedTotal: null };
}

type Clients = { logClient: Client; userClient: Client; orgUrl: string; groupId: string };

/** Re-reads the next batch of changed users: members with their current data, the others as removed. */
async function resolvePage(clients: Clients, cursor: OktaDeltaCursor, tokenReady = false): Promise<MembersPage> {
  const batch = cursor.candidates.slice(cursor.done, cursor.done + RESOLVE_BATCH);
  const { employees, removed } = await resolveOktaUsers({ client: clients.userClient, orgUrl: clients.orgUrl, groupId: clients.groupId, userIds: batch, tokenReady });
  const state = { ...cursor, done: cursor.done + batch.length };
  return state.done < state.candidates.length ? page(state, employees, removed) : finish(state, employees, removed);
}

/**
 * One page of an incremental run from Okta's System Log (design in README.md of this folder): read the log from
 * the delta link's position less LOG_LOOKBACK_MS, skip events already applied (uuids in the link), collect the
 * users the rest may have changed, then re-read those users and check them against the group. Throws
 * `delta_expired` when only a full pass can follow (position too old, log unreadable, too many changes).
 */
export async function fetchOktaDeltaPage(input: Clients & { deltaLink: string; cursor: string | null }): Promise<MembersPage> {
  const link = decodeOktaDeltaLink(input.deltaLink);
  const linkAtMs = Date.parse(link.at);
  let cursor: OktaDeltaCursor;
  if (input.cursor === null) {
    if (linkAtMs < Date.now() - LOG_RETENTION_MS + LOG_LOOKBACK_MS) {
      throw deltaExpired(`The last incremental sync was on ${link.at.slice(0, 10)}, beyond the 90 days Okta keeps its System Log: the sync starts over with a full pass.`);
    }
    cursor = { v: 1, kind: "delta", phase: "log", query: null, at: link.at, seen: link.seen, candidates: [], done: 0 };
  } else {
    cursor = decodeOktaDeltaCursor(input.cursor);
  }
  if (cursor.phase === "resolve") return resolvePage(input, cursor);

  // The user client's token is fetched while the log is read, so the re-reads can all start at once (the SDK does
  // not share a pending token request); a failure here is left to the first re-read, which asks again.
  const userToken = input.cursor === null ? input.userClient.oauth.getAccessToken().then(() => true, () => false) : Promise.resolve(false);
  const logPage = await fetchOktaLogPage({ client: input.logClient, orgUrl: input.orgUrl, from: cursor.query === null ? { sinceMs: linkAtMs - LOG_LOOKBACK_MS } : { query: cursor.query } }).catch((error: unknown) => {
    if (error instanceof ProviderError && error.options.problem === "missing_permission") throw deltaExpired(`${error.message} Until then the sync does full passes.`);
    throw error;
  });
  // The new position is Okta's clock at the run's first log read: what happens after it is the next run's.
  const at = input.cursor === null ? new Date(logPage.serverNowMs).toISOString() : cursor.at;
  const known = new Set(cursor.seen.map((entry) => entry.u));
  const fresh = logPage.events.filter((event) => !known.has(event.uuid));
  const changes = changedUsers(fresh, input.groupId);
  if (changes.massExpiry) throw deltaExpired("Okta expired every user's password at once: the sync does a full pass.");
  const candidates = [...new Set([...cursor.candidates, ...changes.userIds])];
  if (candidates.length > MAX_CHANGED_USERS) throw deltaExpired(`More than ${MAX_CHANGED_USERS} users changed since the last sync: a full pass is cheaper.`);
  const seen = keepSeen([...cursor.seen, ...fresh.map((event) => ({ u: event.uuid, t: Date.parse(event.published) }))], Date.parse(at));
  const state: OktaDeltaCursor = { ...cursor, at, seen, candidates };
  // A polling query always has a next link: a short page means the log has nothing more for now.
  if (logPage.events.length >= OKTA_LOG_PAGE_SIZE && logPage.nextQuery !== null) return page({ ...state, query: logPage.nextQuery });
  const resolving: OktaDeltaCursor = { ...state, phase: "resolve", query: null };
  return candidates.length === 0 ? finish(resolving) : resolvePage(input, resolving, await userToken);
}
