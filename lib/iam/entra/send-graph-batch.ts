import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { mapGraphError } from "@/lib/iam/entra/map-graph-error";

/** Graph's JSON batching limit: "JSON batch requests are currently limited to 20 individual requests". */
export const GRAPH_BATCH_SIZE = 20;
/** Rounds per batch: the first send plus the re-sends of throttled requests. */
const MAX_ROUNDS = 4;
/** Waits longer than this are left to the caller (a job step sleeps durably instead of holding a worker). */
const MAX_WAIT_MS = 30_000;

export type GraphBatchRequest = { id: string; method: "GET" | "POST"; url: string; body?: unknown };
export type GraphBatchAnswer = { status: number; body: unknown };

const batchResponseSchema = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number().int(), headers: z.record(z.string(), z.string()).nullish(), body: z.unknown().optional() })),
});
type RawAnswer = z.infer<typeof batchResponseSchema>["responses"][number];

export const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(answer: RawAnswer, round: number): number {
  const header = Object.entries(answer.headers ?? {}).find(([name]) => name.toLowerCase() === "retry-after")?.[1];
  const seconds = header === undefined ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** round;
}

async function postBatch(graph: GraphCaller, requests: GraphBatchRequest[]): Promise<RawAnswer[]> {
  let body: unknown;
  try {
    body = await graph.send("POST", "/$batch", {
      requests: requests.map((request) => ({ ...request, ...(request.body === undefined ? {} : { headers: { "Content-Type": "application/json" } }) })),
    });
  } catch (error) {
    throw mapGraphError(error, "user");
  }
  const parsed = batchResponseSchema.safeParse(body);
  if (!parsed.success) throw new ProviderError("Microsoft Graph returned an unexpected batch response.", { retryable: false, problem: "unknown" });
  return parsed.data.responses;
}

/**
 * One JSON batch of at most 20 requests. Graph evaluates each request of a batch against its throttling limits on
 * its own and does not retry inside a batch (throttling.md, "Throttling and batching"): throttled (429) and failing
 * (5xx) requests are sent again after the longest inner Retry-After, up to 4 rounds and 30 s of waiting, then a
 * retryable ProviderError carrying the wait. An envelope 429 is retried by the SDK's RetryHandler.
 */
export async function sendGraphBatch(graph: GraphCaller, requests: GraphBatchRequest[], options: { sleep?: (ms: number) => Promise<void>; what: string }): Promise<Map<string, GraphBatchAnswer>> {
  if (requests.length > GRAPH_BATCH_SIZE) throw new Error(`A Graph batch holds at most ${GRAPH_BATCH_SIZE} requests.`);
  const sleep = options.sleep ?? sleepFor;
  const answers = new Map<string, GraphBatchAnswer>();
  let pending = requests;
  for (let round = 0; pending.length > 0; round += 1) {
    const raw = new Map((await postBatch(graph, pending)).map((answer) => [answer.id, answer]));
    const again: GraphBatchRequest[] = [];
    let waitMs = 0;
    for (const request of pending) {
      const answer = raw.get(request.id);
      if (!answer || answer.status === 429 || answer.status >= 500) {
        again.push(request);
        waitMs = Math.max(waitMs, answer ? retryAfterMs(answer, round) : 1000);
      } else {
        answers.set(request.id, { status: answer.status, body: answer.body });
      }
    }
    if (again.length === 0) break;
    if (round + 1 >= MAX_ROUNDS || waitMs > MAX_WAIT_MS) {
      throw new ProviderError(`Microsoft Graph is throttling ${options.what}; retry later.`, { retryable: true, status: 429, retryAfterMs: Math.max(waitMs, 1000) });
    }
    await sleep(waitMs);
    pending = again;
  }
  return answers;
}

/**
 * Many requests, in batches of 20 with at most `concurrency` batches in flight (Graph's guidance is a few parallel
 * requests per app; each batch is still throttled per request). Answers are keyed by request id.
 */
export async function sendGraphBatches(
  graph: GraphCaller,
  requests: GraphBatchRequest[],
  options: { sleep?: (ms: number) => Promise<void>; what: string; concurrency: number },
): Promise<Map<string, GraphBatchAnswer>> {
  const batches: GraphBatchRequest[][] = [];
  for (let offset = 0; offset < requests.length; offset += GRAPH_BATCH_SIZE) batches.push(requests.slice(offset, offset + GRAPH_BATCH_SIZE));
  const answers = new Map<string, GraphBatchAnswer>();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next];
      next += 1;
      if (batch) for (const [id, answer] of await sendGraphBatch(graph, batch, options)) answers.set(id, answer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, batches.length) }, worker));
  return answers;
}
