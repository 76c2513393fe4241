import http from "node:http";

export type ReceivedWebhook = { path: string; headers: Record<string, string>; body: string; at: number };
/** How the receiver answers one request: a status, after an optional delay, with optional headers and body. */
export type ReceiverAnswer = { status: number; delayMs?: number; headers?: Record<string, string>; body?: string };

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request (headers lower-cased, raw body) and answers
 * from a script (the last answer repeats).
 */
export async function startWebhookReceiver(script: ReceiverAnswer[] = [{ status: 204 }]) {
  const received: ReceivedWebhook[] = [];
  let answers = [...script];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      received.push({ path: request.url ?? "/", headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const answer = (answers.length > 1 ? answers.shift() : answers[0]) ?? { status: 204 };
      const reply = () => {
        if (!response.destroyed) response.writeHead(answer.status, answer.headers).end(answer.body ?? "");
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the receiver has no TCP address");
  const { port } = address;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(next: ReceiverAnswer[]) {
      answers = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
