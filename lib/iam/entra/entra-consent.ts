import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { EntraSettings } from "@/lib/iam/entra/entra-settings";

export const CONSENT_STATE_TTL_MS = 30 * 60 * 1000;

/** Where Entra sends the admin back after consent (must be registered on the app as a Web redirect URI). */
export function entraConsentRedirectUri(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, "")}/api/iam/entra/consent/callback`;
}

/**
 * A fresh single-use `state` for the admin-consent redirect, and the hash we store. The hash covers the
 * admin's console session id too, so the callback only succeeds in the browser session that started it.
 */
export function createConsentState(sessionId: string): { state: string; stateHash: string } {
  const state = randomBytes(32).toString("base64url");
  return { state, stateHash: hashConsentState(state, sessionId) };
}

export function hashConsentState(state: string, sessionId: string): string {
  return createHash("sha256").update(`${state}:${sessionId}`).digest("base64url");
}

export function consentStateMatches(state: string, sessionId: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashConsentState(state, sessionId));
  const stored = Buffer.from(storedHash);
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

/** The v2 admin-consent URL for the app's statically configured Graph application permissions. */
export function buildEntraConsentUrl(settings: EntraSettings, redirectUri: string, state: string): string {
  const url = new URL(`${settings.authorityHost.replace(/\/+$/, "")}/${encodeURIComponent(settings.tenant)}/v2.0/adminconsent`);
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", graphResourceScope(settings.graphBaseUrl));
  url.searchParams.set("state", state);
  return url.toString();
}

/**
 * The `.default` scope names Graph's resource identifier, not the host we call: it stays
 * https://graph.microsoft.com for the global cloud and the sandbox; national clouds have their own.
 */
export function graphResourceScope(graphBaseUrl: string): string {
  const host = new URL(graphBaseUrl).hostname;
  const nationalCloud = ["graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"].includes(host);
  return `${nationalCloud ? `https://${host}` : "https://graph.microsoft.com"}/.default`;
}
