import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import type { MembersPage } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";
import { mapOktaUser, oktaUserSchema } from "@/lib/iam/okta/map-okta-user";
import { oktaErrorFacts, oktaGet, parseNextLink } from "@/lib/iam/okta/okta-get";
import { decodeOktaFullCursor, encodeOktaCursor, type OktaDeltaLink } from "@/lib/iam/okta/okta-sync-cursor";

/**
 * Group members per page: 1000 is the documented default of `GET /groups/{id}/users` and the largest page Okta
 * names (no maximum is documented; the 10000 cap is the groups list's). Okta recommends 200 because big pages can
 * time out: a page that answers 500 is asked again once with OKTA_FALLBACK_PAGE_SIZE.
 */
export const OKTA_PAGE_SIZE = 1000;
export const OKTA_FALLBACK_PAGE_SIZE = 200;

/** The `after` parameter of the `rel="next"` link, when there is one. */
export function parseNextAfter(linkHeader: string | null): string | null {
  return parseNextLink(linkHeader)?.searchParams.get("after") ?? null;
}

async function getMembers(client: Client, url: URL, limit: number): Promise<{ body: unknown; link: string | null }> {
  url.searchParams.set("limit", String(limit));
  try {
    return await oktaGet(client, url);
  } catch (error) {
    // Okta's answer to a page too big to build in time (developer.okta.com: "retry with a smaller limit").
    if (oktaErrorFacts(error)?.status === 500 && limit > OKTA_FALLBACK_PAGE_SIZE) return getMembers(client, url, OKTA_FALLBACK_PAGE_SIZE);
    throw mapOktaError(error);
  }
}

/**
 * One page of the group's members through the SDK's own HTTP layer, so that the position is a string the sync job
 * can persist and resume from. The cursor carries Okta's `after` value (not the whole next link: the URL is
 * rebuilt from the configured org URL, so a stored cursor can never send our token to another host) and the
 * System Log position `readLogPosition` took before the first page, which the last page returns as the delta link
 * (null when the log cannot be read: full passes only).
 */
export async function fetchOktaMembersPage(input: {
  client: Client;
  orgUrl: string;
  groupId: string;
  cursor: string | null;
  limit?: number;
  readLogPosition?: () => Promise<OktaDeltaLink | null>;
}): Promise<MembersPage> {
  const position = input.cursor === null ? { after: null, log: (await input.readLogPosition?.()) ?? null } : decodeOktaFullCursor(input.cursor);
  const url = new URL(`${input.orgUrl.replace(/\/+$/, "")}/api/v1/groups/${encodeURIComponent(input.groupId)}/users`);
  if (position.after !== null) url.searchParams.set("after", position.after);

  const { body, link } = await getMembers(input.client, url, input.limit ?? OKTA_PAGE_SIZE);
  const users = z.array(z.unknown()).safeParse(body);
  if (!users.success) throw new ProviderError("Okta returned an unexpected group members page.", { retryable: false, problem: "unknown" });
  const employees = users.data.map((raw) => {
    const user = oktaUserSchema.safeParse(raw);
    if (!user.success) throw new ProviderError(`Okta returned a user the product cannot read: ${user.error.issues[0]?.path.join(".") ?? "?"}.`, { retryable: false, problem: "unknown" });
    return mapOktaUser(user.data);
  });
  const after = parseNextAfter(link);
  return {
    employees,
    removedExternalIds: [],
    nextCursor: after === null ? null : encodeOktaCursor({ v: 1, kind: "full", after, log: position.log }),
    deltaLink: after === null && position.log !== null ? encodeOktaCursor(position.log) : null,
    expectedTotal: null,
  };
}
