import { createHash, randomBytes } from "node:crypto";
import { Hono } from "hono";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { serveSandboxApp } from "@/lib/sandbox/shared/serve-app";

/**
 * Test-only: a minimal IDV vendor (OpenID Provider) for the Okta sandbox's relying-party tests. It checks what
 * an OP must (client_secret_basic, the registered redirect URI, PKCE S256, single-use request_uri and code),
 * and lets a test choose what the next verification returns, including tokens a relying party must refuse.
 */
export type NextVerification = {
  givenName?: string;
  familyName?: string;
  /** Return `?error=...` instead of a code. */
  error?: string;
  /** `iss` on the redirect: the OP's issuer by default, another value, or null to leave it out. */
  redirectIss?: string | null;
  nonce?: string;
  audience?: string;
  issuer?: string;
  expired?: boolean;
  signWithOtherKey?: boolean;
  omitVerifiedClaims?: boolean;
};

type Pushed = { fields: Record<string, string>; authorization: string | null };
type IssuedCode = { pushed: Pushed; verification: NextVerification };

export type TestIdvOp = {
  url: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** What the next /authorize returns; reset to a plain success after each use. */
  next: NextVerification;
  pushed: Pushed[];
  tokenRequests: number;
  parStatus: number;
  close(): Promise<void>;
};

function basicCredentials(header: string | null): { id: string; secret: string } | null {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: each half is form-urlencoded.
  const decode = (value: string) => new URLSearchParams(`v=${value}`).get("v") ?? "";
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

export async function startTestIdvOp(options: { redirectUri: string; clientId?: string; clientSecret?: string }): Promise<TestIdvOp> {
  const key = await generateKeyPair("RS256");
  const otherKey = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(key.publicKey)), kid: "op-key-1", alg: "RS256", use: "sig" };
  const requests = new Map<string, Pushed>();
  const codes = new Map<string, IssuedCode>();
  const app = new Hono();
  const op: TestIdvOp = {
    url: "",
    issuer: "",
    // A space and a colon: client_secret_basic must form-encode them.
    clientId: options.clientId ?? "okta sandbox:client",
    clientSecret: options.clientSecret ?? "s3cret+/=:é",
    next: {},
    pushed: [],
    tokenRequests: 0,
    parStatus: 201,
    close: async () => undefined,
  };
  const authenticated = (header: string | null) => {
    const credentials = basicCredentials(header);
    return credentials?.id === op.clientId && credentials.secret === op.clientSecret;
  };

  app.post("/par", async (c) => {
    const fields = Object.fromEntries(new URLSearchParams(await c.req.text()));
    const pushed = { fields, authorization: c.req.header("authorization") ?? null };
    op.pushed.push(pushed);
    if (!authenticated(pushed.authorization)) return c.json({ error: "invalid_client" }, 401);
    if (fields.redirect_uri !== options.redirectUri || fields.code_challenge_method !== "S256" || !fields.code_challenge || !fields.state || !fields.nonce) {
      return c.json({ error: "invalid_request" }, 400);
    }
    if (op.parStatus !== 201) return c.json({ error: "server_error" }, op.parStatus === 500 ? 500 : 503);
    const requestUri = `urn:ietf:params:oauth:request_uri:${randomBytes(32).toString("base64url")}`;
    requests.set(requestUri, pushed);
    return c.json({ request_uri: requestUri, expires_in: 60 }, 201);
  });

  app.get("/authorize", (c) => {
    const requestUri = c.req.query("request_uri") ?? "";
    const pushed = requests.get(requestUri);
    requests.delete(requestUri);
    if (!pushed || c.req.query("client_id") !== op.clientId) return c.text("unknown request", 400);
    const verification = op.next;
    op.next = {};
    const target = new URL(options.redirectUri);
    if (verification.error) target.searchParams.set("error", verification.error);
    else {
      const code = randomBytes(32).toString("base64url");
      codes.set(code, { pushed, verification });
      target.searchParams.set("code", code);
    }
    target.searchParams.set("state", pushed.fields.state ?? "");
    const iss = verification.redirectIss === undefined ? op.issuer : verification.redirectIss;
    if (iss !== null) target.searchParams.set("iss", iss);
    return c.redirect(target.toString(), 302);
  });

  app.post("/token", async (c) => {
    op.tokenRequests += 1;
    const form = new URLSearchParams(await c.req.text());
    if (!authenticated(c.req.header("authorization") ?? null)) return c.json({ error: "invalid_client" }, 401);
    const issued = codes.get(form.get("code") ?? "");
    codes.delete(form.get("code") ?? "");
    const challenge = createHash("sha256").update(form.get("code_verifier") ?? "").digest("base64url");
    if (!issued || form.get("grant_type") !== "authorization_code" || form.get("redirect_uri") !== options.redirectUri || challenge !== issued.pushed.fields.code_challenge) {
      return c.json({ error: "invalid_grant" }, 400);
    }
    const { verification, pushed } = issued;
    const now = Math.floor(Date.now() / 1000);
    const claims = { ...(verification.givenName === undefined ? {} : { given_name: verification.givenName }), ...(verification.familyName === undefined ? {} : { family_name: verification.familyName }) };
    const verifiedClaims = { verification: { trust_framework: "uk_tfida", assurance_level: "medium", time: new Date().toISOString(), evidence: [{ type: "document" }] }, claims };
    const idToken = await new SignJWT({ nonce: verification.nonce ?? pushed.fields.nonce, ...(verification.omitVerifiedClaims ? {} : { verified_claims: verifiedClaims }) })
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
      .setIssuer(verification.issuer ?? op.issuer)
      .setSubject("idv-subject-1")
      .setAudience(verification.audience ?? op.clientId)
      .setIssuedAt(verification.expired ? now - 600 : now)
      .setExpirationTime(verification.expired ? now - 300 : now + 300)
      .sign(verification.signWithOtherKey ? otherKey.privateKey : key.privateKey);
    return c.json({ access_token: randomBytes(16).toString("base64url"), token_type: "Bearer", expires_in: 300, id_token: idToken });
  });

  app.get("/jwks", (c) => c.json({ keys: [jwk] }));

  const running = await serveSandboxApp(app, { port: 0 });
  op.url = running.url;
  op.issuer = `${running.url}/idv`;
  op.close = running.close;
  return op;
}
