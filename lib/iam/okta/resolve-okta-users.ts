import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { type DirectoryEmployee, ProviderError } from "@/lib/iam/identity-provider";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";
import { mapOktaUser, oktaUserSchema } from "@/lib/iam/okta/map-okta-user";
import { oktaErrorFacts, oktaGet } from "@/lib/iam/okta/okta-get";

/** Users re-read at once after the first (which fetches the token alone: the SDK does not share a pending one). */
const CONCURRENCY = 4;
const groupsSchema = z.array(z.object({ id: z.string() }));

type Resolution = { member: DirectoryEmployee } | { removed: string };

/** A GET that answers null for a user Okta no longer has (404), and throws mapped errors otherwise. */
async function getOrGone(client: Client, url: URL): Promise<unknown> {
  try {
    return (await oktaGet(client, url)).body;
  } catch (error) {
    if (oktaErrorFacts(error)?.status === 404) return null;
    throw mapOktaError(error);
  }
}

/**
 * Where one changed user stands now: its groups first (`GET /users/{id}/groups`, okta.users.read): deleted (404)
 * or not in the employee group means removed, so a non-member never enters the directory; then the user itself,
 * normalised as in a full pass.
 */
async function resolveOne(input: { client: Client; orgUrl: string; groupId: string }, userId: string): Promise<Resolution> {
  const base = `${input.orgUrl.replace(/\/+$/, "")}/api/v1/users/${encodeURIComponent(userId)}`;
  const groups = await getOrGone(input.client, new URL(`${base}/groups`));
  if (groups === null) return { removed: userId };
  const parsedGroups = groupsSchema.safeParse(groups);
  if (!parsedGroups.success) throw new ProviderError("Okta returned an unexpected list of a user's groups.", { retryable: false, problem: "unknown" });
  if (!parsedGroups.data.some((group) => group.id === input.groupId)) return { removed: userId };
  const raw = await getOrGone(input.client, new URL(base));
  if (raw === null) return { removed: userId };
  const user = oktaUserSchema.safeParse(raw);
  if (!user.success) throw new ProviderError(`Okta returned a user the product cannot read: ${user.error.issues[0]?.path.join(".") ?? "?"}.`, { retryable: false, problem: "unknown" });
  return { member: mapOktaUser(user.data) };
}

/** Re-reads changed users: the members among them (current data) and the ids that are no longer members. */
export async function resolveOktaUsers(input: { client: Client; orgUrl: string; groupId: string; userIds: string[] }): Promise<{ employees: DirectoryEmployee[]; removed: string[] }> {
  const results: Resolution[] = [];
  const [first, ...rest] = input.userIds;
  if (first !== undefined) results.push(await resolveOne(input, first));
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      const userId = rest[next++];
      if (userId !== undefined) results.push(await resolveOne(input, userId));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rest.length) }, worker));
  return {
    employees: results.flatMap((result) => ("member" in result ? [result.member] : [])),
    removed: results.flatMap((result) => ("removed" in result ? [result.removed] : [])),
  };
}
