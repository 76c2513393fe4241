import type { Client } from "@okta/okta-sdk-nodejs";
import { z } from "zod";

export type OktaGetResult = { body: unknown; link: string | null; serverNowMs: number };

/**
 * One GET through the SDK's HTTP layer (token, DPoP proof, 401 refresh and its 429 retry stay the SDK's), with
 * the headers paging and positions need. Okta's `Date` header is the org's clock, so positions taken from it do
 * not depend on ours (our clock when a proxy dropped it). Errors are thrown unmapped.
 */
export async function oktaGet(client: Client, url: URL): Promise<OktaGetResult> {
  // A variable, not a literal: the SDK types RequestOptions on node-fetch's RequestInit, which is not installed.
  const request = { url: url.toString(), method: "GET", headers: { Accept: "application/json" } };
  const response = await client.http.http(url.toString(), request);
  const date = Date.parse(response.headers.get("date") ?? "");
  const text = await response.text();
  return { body: text ? JSON.parse(text) : null, link: response.headers.get("link"), serverNowMs: Number.isNaN(date) ? Date.now() : date };
}

/** The URL of the `rel="next"` link, when there is one. Okta may send one header per relation. */
export function parseNextLink(linkHeader: string | null): URL | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return URL.canParse(match[1]) ? new URL(match[1]) : null;
  }
  return null;
}

/** What the SDK's OktaApiError carries that callers branch on (parsed, since it is a plain JS class). */
const apiErrorSchema = z.object({ status: z.number(), errorCode: z.union([z.string(), z.number()]).optional(), errorSummary: z.string().optional() });

export function oktaErrorFacts(error: unknown): { status: number; errorCode: string; errorSummary: string } | null {
  const parsed = apiErrorSchema.safeParse(error);
  if (!parsed.success) return null;
  return { status: parsed.data.status, errorCode: String(parsed.data.errorCode ?? ""), errorSummary: parsed.data.errorSummary ?? "" };
}
