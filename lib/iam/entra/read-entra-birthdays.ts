import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { type GraphBatchAnswer, sendGraphBatches } from "@/lib/iam/entra/send-graph-batch";

const userBirthdaySchema = z.object({ birthday: z.string().nullish() });

/**
 * Graph's `birthday` is a DateTimeOffset; an unset one comes back as `0001-01-01T00:00:00Z` rather than null
 * (microsoftgraph/microsoft-graph-docs-contrib#1626). Only the calendar date is kept.
 */
export function parseGraphBirthday(value: string | null | undefined): string | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match || match[1] === "0001") return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

const selectPath = (userId: string) => `/users/${encodeURIComponent(userId)}?$select=id,birthday`;

const missingPermission = () =>
  new ProviderError("Microsoft Graph refused to read user profiles (403): grant User.Read.All as an application permission, then admin consent again.", { retryable: false, status: 403, problem: "missing_permission" });

async function readOne(graph: GraphCaller, userId: string): Promise<string | null> {
  try {
    const user = userBirthdaySchema.safeParse(await graph.get(selectPath(userId), { what: "user" }));
    if (!user.success) throw new ProviderError("Microsoft Graph returned a user the product cannot read (birthday).", { retryable: false, problem: "unknown" });
    return parseGraphBirthday(user.data.birthday);
  } catch (error) {
    if (error instanceof ProviderError && error.options.status === 404) return null;
    if (error instanceof ProviderError && error.options.status === 403) throw missingPermission();
    throw error;
  }
}

function birthdayOf(answer: GraphBatchAnswer | undefined): string | null {
  if (!answer || answer.status === 404) return null;
  if (answer.status === 403) throw missingPermission();
  if (answer.status !== 200) {
    throw new ProviderError(`Microsoft Graph answered ${answer.status} reading a date of birth.`, { retryable: answer.status === 401, status: answer.status, problem: "unknown" });
  }
  const user = userBirthdaySchema.safeParse(answer.body);
  if (!user.success) throw new ProviderError("Microsoft Graph returned a user the product cannot read (birthday).", { retryable: false, problem: "unknown" });
  return parseGraphBirthday(user.data.birthday);
}

/**
 * Dates of birth of Entra users (see IdentityProvider.readBirthdays): `birthday` is served on a single-user GET only
 * (501 in a collection), so one id is one GET and more go in JSON batches of 20, sent one after the other. Graph
 * does not retry throttled requests inside a batch (throttling.md, "Throttling and batching"): this does, after
 * their Retry-After. Needs User.Read.All (application), which reads it; writing it is refused app-only.
 */
export async function readEntraBirthdays(graph: GraphCaller, externalIds: string[], options: { sleep?: (ms: number) => Promise<void> } = {}): Promise<Map<string, string | null>> {
  const ids = [...new Set(externalIds)];
  const result = new Map<string, string | null>();
  if (ids.length === 1 && ids[0] !== undefined) {
    result.set(ids[0], await readOne(graph, ids[0]));
    return result;
  }
  const requests = ids.map((userId, index) => ({ id: String(index), method: "GET" as const, url: selectPath(userId) }));
  const answers = await sendGraphBatches(graph, requests, { sleep: options.sleep, what: "reads of dates of birth", concurrency: 1 });
  ids.forEach((userId, index) => result.set(userId, birthdayOf(answers.get(String(index)))));
  return result;
}
