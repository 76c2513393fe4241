import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { mapGraphError } from "@/lib/iam/entra/map-graph-error";

/** Graph's JSON batching limit. */
export const GRAPH_BATCH_SIZE = 20;
/** Rounds per batch: the first send plus the re-sends of throttled requests. */
const MAX_ROUNDS = 4;
/** Waits longer than this are left to the caller (a job step sleeps durably instead of holding a worker). */
const MAX_WAIT_MS = 30_000;

const userBirthdaySchema = z.object({ birthday: z.string().nullish() });
const batchResponseSchema = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number().int(), headers: z.record(z.string(), z.string()).nullish(), body: z.unknown().optional() })),
});
type BatchAnswer = z.infer<typeof batchResponseSchema>["responses"][number];

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

function retryAfterMs(answer: BatchAnswer, round: number): number {
  const header = Object.entries(answer.headers ?? {}).find(([name]) => name.toLowerCase() === "retry-after")?.[1];
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** round;
}

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

async function postBatch(graph: GraphCaller, userIds: string[]): Promise<BatchAnswer[]> {
  const requests = userIds.map((userId, index) => ({ id: String(index), method: "GET", url: selectPath(userId) }));
  let body: unknown;
  try {
    body = await graph.send("POST", "/$batch", { requests });
  } catch (error) {
    throw mapGraphError(error, "user");
  }
  const parsed = batchResponseSchema.safeParse(body);
  if (!parsed.success) throw new ProviderError("Microsoft Graph returned an unexpected batch response.", { retryable: false, problem: "unknown" });
  return parsed.data.responses;
}

/** One batch of at most 20: throttled (429) and failing (5xx) requests are sent again after the longest Retry-After. */
async function readBatch(graph: GraphCaller, userIds: string[], sleep: (ms: number) => Promise<void>, into: Map<string, string | null>): Promise<void> {
  let pending = userIds;
  for (let round = 0; pending.length > 0; round += 1) {
    const answers = await postBatch(graph, pending);
    const again: string[] = [];
    let waitMs = 0;
    pending.forEach((userId, index) => {
      const answer = answers.find((candidate) => candidate.id === String(index));
      if (!answer || answer.status === 429 || answer.status >= 500) {
        again.push(userId);
        waitMs = Math.max(waitMs, answer ? retryAfterMs(answer, round) : 1000);
      } else if (answer.status === 200) {
        const user = userBirthdaySchema.safeParse(answer.body);
        if (!user.success) throw new ProviderError("Microsoft Graph returned a user the product cannot read (birthday).", { retryable: false, problem: "unknown" });
        into.set(userId, parseGraphBirthday(user.data.birthday));
      } else if (answer.status === 404) {
        into.set(userId, null);
      } else if (answer.status === 403) {
        throw missingPermission();
      } else {
        throw new ProviderError(`Microsoft Graph answered ${answer.status} reading a date of birth.`, { retryable: answer.status === 401, status: answer.status, problem: "unknown" });
      }
    });
    if (again.length === 0) return;
    if (round + 1 >= MAX_ROUNDS || waitMs > MAX_WAIT_MS) {
      throw new ProviderError("Microsoft Graph is throttling reads of dates of birth; retry later.", { retryable: true, status: 429, retryAfterMs: Math.max(waitMs, 1000) });
    }
    await sleep(waitMs);
    pending = again;
  }
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
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let offset = 0; offset < ids.length; offset += GRAPH_BATCH_SIZE) {
    await readBatch(graph, ids.slice(offset, offset + GRAPH_BATCH_SIZE), sleep, result);
  }
  return result;
}
