import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import { LOG_FILTER, logEventSchema, type OktaLogEvent } from "@/lib/iam/okta/okta-log-changes";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";
import { oktaErrorFacts, oktaGet, parseNextLink } from "@/lib/iam/okta/okta-get";

/** `limit` of `GET /api/v1/logs` is "an integer between 0 and 1000" (default 100): always the largest page. */
export const OKTA_LOG_PAGE_SIZE = 1000;

export type OktaLogPage = {
  events: OktaLogEvent[];
  /** The next link's query string; a polling request always has one, even after an empty page. */
  nextQuery: string | null;
  /** Okta's clock when it answered. */
  serverNowMs: number;
};

/** Okta's answer when the log cannot be read from there any more, or at all: the run must do a full pass. */
export function mapOktaLogError(error: unknown): ProviderError {
  const facts = oktaErrorFacts(error);
  if (facts?.status === 400 && facts.errorCode === "E0000053" && /since/i.test(facts.errorSummary)) {
    return new ProviderError(`Okta no longer keeps the System Log from the last sync's position (${facts.errorSummary}): the sync starts over with a full pass.`, { retryable: false, status: 400, problem: "delta_expired" });
  }
  if (facts?.status === 401 || facts?.status === 403) {
    return new ProviderError("The service app cannot read Okta's System Log: grant okta.logs.read on its Okta API Scopes tab for incremental syncs.", { retryable: false, status: facts.status, problem: "missing_permission" });
  }
  return mapOktaError(error);
}

/**
 * One page of the System Log, filtered to the event types that matter for the directory, as a polling request
 * (ascending, no `until`): `since` for the first page, then the query of the previous page's next link, on the
 * configured org URL only.
 */
export async function fetchOktaLogPage(input: { client: Client; orgUrl: string; from: { sinceMs: number } | { query: string }; limit?: number }): Promise<OktaLogPage> {
  const url = new URL(`${input.orgUrl.replace(/\/+$/, "")}/api/v1/logs`);
  if ("query" in input.from) {
    url.search = input.from.query;
  } else {
    url.searchParams.set("since", new Date(input.from.sinceMs).toISOString());
    url.searchParams.set("sortOrder", "ASCENDING");
    url.searchParams.set("limit", String(input.limit ?? OKTA_LOG_PAGE_SIZE));
    url.searchParams.set("filter", LOG_FILTER);
  }
  let result;
  try {
    result = await oktaGet(input.client, url);
  } catch (error) {
    throw mapOktaLogError(error);
  }
  const events = z.array(z.unknown()).safeParse(result.body);
  if (!events.success) throw new ProviderError("Okta returned an unexpected System Log page.", { retryable: false, problem: "unknown" });
  const parsed = events.data.map((raw) => {
    const event = logEventSchema.safeParse(raw);
    // An event we cannot read may be a change we would miss: follow the directory with a full pass instead.
    if (!event.success) throw new ProviderError(`Okta returned a System Log event the product cannot read (${event.error.issues[0]?.path.join(".") ?? "?"}): the sync does a full pass.`, { retryable: false, problem: "delta_expired" });
    return event.data;
  });
  const next = parseNextLink(result.link);
  const nextQuery = next !== null && next.pathname.endsWith("/api/v1/logs") ? next.search.replace(/^\?/, "") : null;
  return { events: parsed, nextQuery, serverNowMs: result.serverNowMs };
}
