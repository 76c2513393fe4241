import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";
import { type DirectoryEmployee, ProviderError } from "@/lib/iam/identity-provider";
import { mapOktaError } from "@/lib/iam/okta/map-okta-error";
import { mapOktaUser, type OktaUser, oktaUserSchema } from "@/lib/iam/okta/map-okta-user";
import { oktaErrorFacts, oktaGet } from "@/lib/iam/okta/okta-get";

/**
 * Requests in flight (after a first one alone when the client has no token yet: the SDK does not share a pending
 * token request). Okta's concurrency limit is 35 (Integrator Free) to 75 per org (rl2-concurrency); 15 leaves most
 * of the smallest for everything else the org serves.
 */
const CONCURRENCY = 15;
/** Users read per `filter=id eq … or …` request: a URL of about 800 characters, well inside any proxy's limit. */
const IDS_PER_FILTER = 20;
const OKTA_ID = /^[A-Za-z0-9]{1,64}$/;
const groupsSchema = z.array(z.object({ id: z.string() }));

/** A GET that answers null for something Okta no longer has (404), and throws mapped errors otherwise. */
async function getOrGone(client: Client, url: URL): Promise<unknown> {
  try {
    return (await oktaGet(client, url)).body;
  } catch (error) {
    if (oktaErrorFacts(error)?.status === 404) return null;
    throw mapOktaError(error);
  }
}

function parseUser(raw: unknown): OktaUser {
  const user = oktaUserSchema.safeParse(raw);
  if (!user.success) throw new ProviderError(`Okta returned a user the product cannot read: ${user.error.issues[0]?.path.join(".") ?? "?"}.`, { retryable: false, problem: "unknown" });
  return user.data;
}

/** Runs the tasks at most CONCURRENCY at once; the first alone unless the client already holds a token. */
async function runPooled(tasks: Array<() => Promise<void>>, tokenReady: boolean): Promise<void> {
  const [first, ...others] = tasks;
  if (first && !tokenReady) await first();
  const rest = tokenReady ? tasks : others;
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      const task = rest[next++];
      if (task) await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, rest.length) }, worker));
}

/**
 * Re-reads changed users: the members among them (current data) and the ids that are no longer members. Each
 * user's groups come from `GET /users/{id}/groups` (okta.users.read; 404 = deleted), so a non-member never enters
 * the directory; the users themselves from `GET /users?filter=id eq "…" or …` (20 at a time; `filter` reads "the
 * most up-to-date data", unlike `search`), all in parallel. A member the filter did not return (a DEPROVISIONED
 * user, should a filter ever leave those out) is read on its own.
 */
export async function resolveOktaUsers(input: { client: Client; orgUrl: string; groupId: string; userIds: string[]; tokenReady?: boolean }): Promise<{ employees: DirectoryEmployee[]; removed: string[] }> {
  const api = `${input.orgUrl.replace(/\/+$/, "")}/api/v1/users`;
  const userIds = [...new Set(input.userIds)];
  const isMember = new Map<string, boolean>();
  const users = new Map<string, OktaUser>();

  const groupTasks = userIds.map((userId) => async () => {
    const groups = await getOrGone(input.client, new URL(`${api}/${encodeURIComponent(userId)}/groups`));
    if (groups === null) return void isMember.set(userId, false);
    const parsed = groupsSchema.safeParse(groups);
    if (!parsed.success) throw new ProviderError("Okta returned an unexpected list of a user's groups.", { retryable: false, problem: "unknown" });
    isMember.set(userId, parsed.data.some((group) => group.id === input.groupId));
  });
  const userTasks: Array<() => Promise<void>> = [];
  // Okta ids are alphanumeric; anything else is read on its own below rather than put into a filter expression.
  const filterable = userIds.filter((id) => OKTA_ID.test(id));
  for (let offset = 0; offset < filterable.length; offset += IDS_PER_FILTER) {
    const ids = filterable.slice(offset, offset + IDS_PER_FILTER);
    userTasks.push(async () => {
      const url = new URL(api);
      url.searchParams.set("filter", ids.map((id) => `id eq "${id}"`).join(" or "));
      url.searchParams.set("limit", "200");
      const listed = z.array(z.unknown()).safeParse(await getOrGone(input.client, url));
      if (!listed.success) throw new ProviderError("Okta returned an unexpected list of users.", { retryable: false, problem: "unknown" });
      for (const raw of listed.data) {
        const user = parseUser(raw);
        users.set(user.id, user);
      }
    });
  }
  // Interleaved, so the profile reads do not wait behind every membership check.
  const tasks: Array<() => Promise<void>> = [];
  groupTasks.forEach((task, index) => {
    const profiles = index % IDS_PER_FILTER === 0 ? userTasks[index / IDS_PER_FILTER] : undefined;
    if (profiles) tasks.push(profiles);
    tasks.push(task);
  });
  await runPooled(tasks, input.tokenReady ?? false);

  const employees: DirectoryEmployee[] = [];
  const removed: string[] = [];
  for (const userId of userIds) {
    if (!isMember.get(userId)) {
      removed.push(userId);
      continue;
    }
    const listed = users.get(userId);
    const raw = listed ?? (await getOrGone(input.client, new URL(`${api}/${encodeURIComponent(userId)}`)));
    if (raw === null) removed.push(userId);
    else employees.push(mapOktaUser(listed ?? parseUser(raw)));
  }
  return { employees, removed };
}
