import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import type { MembersPage } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";
import { mapOktaUser, oktaUserSchema } from "@/lib/iam/okta/map-okta-user";

/** Okta recommends 200 for group members; larger pages time out on big profiles. */
export const OKTA_PAGE_SIZE = 200;

/**
 * The cursor is Okta's `after` value (an opaque string), not the whole next link: the URL is rebuilt from the
 * configured org URL, so a stored cursor can never send our token to another host.
 */
const cursorSchema = z.string().min(1).max(1000);

/** The `after` parameter of the `rel="next"` link, when there is one. Okta may send one header per relation. */
export function parseNextAfter(linkHeader: string | null): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return new URL(match[1]).searchParams.get("after");
  }
  return null;
}

/**
 * One page of the group's members through the SDK's own HTTP layer (token, DPoP proof, 401 refresh and 429
 * retry stay the SDK's), so that the position is a string the sync job can persist and resume from.
 */
export async function fetchOktaMembersPage(input: { client: Client; orgUrl: string; groupId: string; cursor: string | null; limit?: number }): Promise<MembersPage> {
  const url = new URL(`${input.orgUrl.replace(/\/+$/, "")}/api/v1/groups/${encodeURIComponent(input.groupId)}/users`);
  url.searchParams.set("limit", String(input.limit ?? OKTA_PAGE_SIZE));
  if (input.cursor !== null) url.searchParams.set("after", cursorSchema.parse(input.cursor));

  let body: unknown;
  let linkHeader: string | null;
  try {
    // A variable, not a literal: the SDK types RequestOptions on node-fetch's RequestInit, which is not installed.
    const request = { url: url.toString(), method: "GET", headers: { Accept: "application/json" } };
    const response = await input.client.http.http(url.toString(), request);
    linkHeader = response.headers.get("link");
    body = await response.json();
  } catch (error) {
    throw mapOktaError(error);
  }
  const users = z.array(z.unknown()).safeParse(body);
  if (!users.success) throw new ProviderError("Okta returned an unexpected group members page.", { retryable: false, problem: "unknown" });
  const employees = users.data.map((raw) => {
    const user = oktaUserSchema.safeParse(raw);
    if (!user.success) throw new ProviderError(`Okta returned a user the product cannot read: ${user.error.issues[0]?.path.join(".") ?? "?"}.`, { retryable: false, problem: "unknown" });
    return mapOktaUser(user.data);
  });
  return { employees, removedExternalIds: [], nextCursor: parseNextAfter(linkHeader), deltaLink: null, expectedTotal: null };
}
