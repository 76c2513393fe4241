import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { z } from "zod";
import { parseWalletRequests, walletRequestsSchema } from "@/lib/sandbox/wallet/answer-wallet-request";
import { digitalCredentialsShimSource } from "@/lib/sandbox/wallet/digital-credentials-shim";
import { SandboxWallet, WALLET_VARIANTS, walletHolderSchema, type WalletHolder } from "@/lib/sandbox/wallet/sandbox-wallet";
import { findWalletPerson, sampleHolders, UnissuableHolderError, walletHolderOf, type WalletPeople } from "@/lib/sandbox/wallet/wallet-people";
import { WALLET_PAGE_CSP, walletIndexPage, walletWindowPage, walletWindowScript } from "@/lib/sandbox/wallet/wallet-sandbox-pages";
import { MDL_DOCTYPE, walletDoctypeOf } from "@/lib/wallet/mdoc/wallet-doctypes";

export const WALLET_SANDBOX_BODY_LIMIT = 1024 * 1024;

const base64Schema = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64");

/** POST /present: the page's request as the browser would hand it to the wallet, and whose licence to present. */
export const presentBodySchema = z.strictObject({
  requests: walletRequestsSchema,
  /** The page's origin as the browser saw it (the shim's transport takes it from the browser, not from the page). */
  origin: z.url({ protocol: /^https?$/ }).max(300).refine((origin) => new URL(origin).origin === origin, "must be an origin (scheme, host and port only)"),
  holder: z.union([z.strictObject({ login: z.string().trim().min(1).max(320) }), walletHolderSchema.strict()]),
  variant: z.enum(WALLET_VARIANTS).optional(),
  protocol: z.string().min(1).max(64).optional(),
  /** JPEG bytes, base64 (the body limit caps it first). */
  portrait: base64Schema.max(2_000_000).optional(),
});
export type PresentBody = z.input<typeof presentBodySchema>;

const holdsMdl = (doctype: string) => walletDoctypeOf(doctype)?.doctype === MDL_DOCTYPE.doctype;

/** The page's request as the wallet would read it, or why it cannot answer (never a stack trace). */
function answerableRequest(body: z.output<typeof presentBodySchema>): string | null {
  try {
    if (parseWalletRequests(body.requests, holdsMdl, body.protocol)) return null;
  } catch {
    return "the page's request is malformed: the wallet could not read it";
  }
  const asked = body.protocol ? ` over ${body.protocol}` : "";
  return `no request the sandbox wallet can answer${asked}: it holds a mobile driving licence (${MDL_DOCTYPE.doctype}) and speaks openid4vp-v1-unsigned (dc_api.jwt) and org-iso-mdoc`;
}

/**
 * The sandbox wallet's HTTP face: its IACA root, the presentation endpoint the shim's transports call, its home
 * page for people trying it by hand, and the consent window the dev shim opens. `appOrigins` may call /present
 * and /shim.js from a page (CORS).
 */
export function createWalletSandboxApp(options: { wallet: SandboxWallet; people: WalletPeople; appUrl?: string | null }): Hono {
  const { wallet, people } = options;
  const appUrl = options.appUrl ?? null;
  const appOrigins = appUrl ? [new URL(appUrl).origin] : [];
  const app = new Hono();
  const shimFor = (requestUrl: string) => digitalCredentialsShimSource({ kind: "popup", walletUrl: new URL(requestUrl).origin });
  const pageHeaders = { "Content-Security-Policy": WALLET_PAGE_CSP, "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" };

  app.onError((error, c) => c.json({ error: `the sandbox wallet failed: ${error.message}` }, 500));
  app.notFound((c) => c.json({ error: `no such sandbox wallet endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.use("*", bodyLimit({ maxSize: WALLET_SANDBOX_BODY_LIMIT, onError: (c) => c.json({ error: `the body is larger than ${WALLET_SANDBOX_BODY_LIMIT} bytes` }, 413) }));
  for (const route of ["/present", "/shim.js"]) app.use(route, cors({ origin: appOrigins, allowMethods: ["GET", "POST"], allowHeaders: ["content-type"], maxAge: 600 }));

  app.get("/", (c) => c.html(walletIndexPage({ walletUrl: new URL(c.req.url).origin, appUrl, shimSource: shimFor(c.req.url), samples: sampleHolders(people, 8) }), 200, pageHeaders));
  app.get("/wallet", (c) => c.html(walletWindowPage(), 200, pageHeaders));
  app.get("/wallet.js", (c) => c.body(walletWindowScript(), 200, { ...pageHeaders, "Content-Type": "text/javascript; charset=utf-8" }));
  app.get("/shim.js", (c) => c.body(shimFor(c.req.url), 200, { "Content-Type": "text/javascript; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" }));
  app.get("/iaca.pem", (c) => c.body(wallet.authority.iacaPem, 200, { "Content-Type": "application/x-pem-file", "Content-Disposition": 'inline; filename="sandbox-iaca.pem"' }));

  app.post("/present", async (c) => {
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) return c.json({ error: "send the body as application/json" }, 415);
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined) return c.json({ error: "the body is not JSON" }, 400);
    const parsed = presentBodySchema.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
      return c.json({ error: `invalid request: ${problems.join("; ")}` }, 400);
    }
    const body = parsed.data;
    let holder: WalletHolder;
    if ("login" in body.holder) {
      const person = findWalletPerson(people, body.holder.login);
      if (!person) return c.json({ error: `no sandbox employee has the login "${body.holder.login}" (${people.userCount} people, seed "${people.seed}")` }, 404);
      try {
        holder = walletHolderOf(person, body.portrait ?? null);
      } catch (error) {
        if (error instanceof UnissuableHolderError) return c.json({ error: error.message }, 422);
        throw error;
      }
    } else {
      holder = { ...body.holder, portrait: body.portrait ?? body.holder.portrait };
    }
    const holderCheck = walletHolderSchema.safeParse(holder);
    if (!holderCheck.success) return c.json({ error: `the sandbox issuer cannot print this licence: ${holderCheck.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}` }, 422);
    const unanswerable = answerableRequest(body);
    if (unanswerable) return c.json({ error: unanswerable }, 400);
    const answer = await wallet.answer({ requests: body.requests, origin: body.origin, holder, variant: body.variant, protocol: body.protocol });
    return c.json({ protocol: answer.protocol, data: answer.data }, 200);
  });
  return app;
}
