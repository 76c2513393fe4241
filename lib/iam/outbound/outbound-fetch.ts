import http from "node:http";
import https from "node:https";
import type { OutboundAgents } from "@/lib/iam/outbound/outbound-agents";
import { OutboundBlockedError, OutboundTimeoutError } from "@/lib/iam/outbound/outbound-errors";
import type { OutboundPolicy } from "@/lib/iam/outbound/outbound-policy";

/** A vendor answer larger than this is not a directory page: stop reading instead of buffering it. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type OutboundFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function requestBody(body: RequestInit["body"], headers: Headers): Buffer | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof URLSearchParams) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    return Buffer.from(body.toString());
  }
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("Outbound requests send strings, form parameters or bytes only.");
}

function responseHeaders(incoming: http.IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/**
 * `fetch` for one connection, on node:http(s) with the connection's guarded agents (global fetch cannot take a
 * `lookup` hook without the undici package): only the policy's origins, only public addresses, no redirects
 * followed, and one deadline for connect, TLS, headers and body together.
 */
export function createOutboundFetch(policy: OutboundPolicy, agents: OutboundAgents): OutboundFetch {
  return async (input, init = {}) => {
    const target = new URL(input instanceof Request ? input.url : input);
    const agent = agents.forUrl(target); // throws OutboundBlockedError for a foreign origin or a private literal
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    const body = requestBody(init.body, headers);
    if (body) headers.set("content-length", String(body.length));
    const deadline = AbortSignal.timeout(policy.timeoutMs);
    const signal = init.signal ? AbortSignal.any([deadline, init.signal]) : deadline;
    const send = target.protocol === "http:" ? http.request : https.request;

    return new Promise<Response>((resolve, reject) => {
      const fail = (error: unknown) => {
        if (deadline.aborted) reject(new OutboundTimeoutError(`${target.origin} did not answer within ${Math.round(policy.timeoutMs / 1000)} s.`));
        else reject(error instanceof Error ? error : new Error(String(error)));
      };
      const request = send(target, { method: init.method ?? "GET", headers: Object.fromEntries(headers), agent, signal }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            response.destroy(new OutboundBlockedError(`${target.origin} sent more than ${MAX_RESPONSE_BYTES} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("error", fail);
        response.on("aborted", () => fail(new Error(`${target.origin} closed the response early.`)));
        response.on("end", () => {
          const status = response.statusCode ?? 502;
          const empty = status === 204 || status === 205 || status === 304 || init.method === "HEAD";
          const result = new Response(empty ? null : Buffer.concat(chunks), { status, statusText: response.statusMessage, headers: responseHeaders(response.headers) });
          Object.defineProperty(result, "url", { value: target.toString() });
          resolve(result);
        });
      });
      request.on("error", fail);
      request.end(body ?? undefined);
    });
  };
}
