import { z } from "zod";
import { IDV_ACTIONS, type IdvAction } from "@/lib/sandbox/okta/idv-recoveries";
import { startTestIdvOp, type NextVerification, type TestIdvOp } from "@/lib/sandbox/okta/idv-test-op";
import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { startOktaSandbox } from "@/lib/sandbox/okta/start-okta-sandbox";

/**
 * Test-only: the Okta sandbox and a test IDV vendor over real HTTP, and a "browser" (fetch with a cookie jar and
 * manual redirects) that walks the recovery pages the way a person would.
 */
export class TestBrowser {
  // One jar for every origin: like a browser, cookies are per host, and everything here is 127.0.0.1.
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

const recordSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  login: z.string(),
  action: z.enum(IDV_ACTIONS),
  outcome: z.enum(["AUTHORISED", "REFUSED", "COMPLETED"]),
  reason: z.string().nullable(),
  at: z.string(),
  completedAt: z.string().optional(),
  verification: z.object({ trust_framework: z.string(), assurance_level: z.string().optional(), time: z.string().optional() }).optional(),
  claimNames: z.array(z.string()).optional(),
});
export type RecoveryRecord = z.infer<typeof recordSchema>;

export type Page = { status: number; text: string };

export type IdvHarness = Awaited<ReturnType<typeof startIdvHarness>>;

export async function startIdvHarness(seed: string) {
  const running = await startOktaSandbox({ seed, userCount: 300 });
  const op: TestIdvOp = await startTestIdvOp({ redirectUri: running.sandbox.idvRedirectUri });
  const orgUrl = running.connection.orgUrl;
  const provider = {
    vendorName: "verifyd test vendor",
    issuer: op.issuer,
    parUrl: `${op.url}/par`,
    authorizeUrl: `${op.url}/authorize`,
    tokenUrl: `${op.url}/token`,
    jwksUrl: `${op.url}/jwks`,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
  };
  const configure = async () => {
    const response = await fetch(`${orgUrl}/_sandbox/idv-provider`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(provider) });
    if (response.status !== 200) throw new Error(`idv-provider answered ${response.status}`);
  };
  await configure();

  /** A user who may recover: active, both names in the profile, at least one factor. */
  const user = (skip = 0): OktaUserRecord => {
    let found = 0;
    for (let index = 0; index < running.sandbox.state.userCount; index += 1) {
      const record = running.sandbox.state.record(index);
      if (record?.status === "ACTIVE" && record.profile.firstName && record.profile.lastName && record.factors.length > 0 && found++ === skip) return record;
    }
    throw new Error("no recoverable seeded user");
  };
  const namesOf = (record: OktaUserRecord): NextVerification => ({ givenName: record.profile.firstName ?? "", familyName: record.profile.lastName ?? "" });

  const read = async (response: Response): Promise<Page> => ({ status: response.status, text: await response.text() });

  /** Start page to callback: the page the browser ends on, after the vendor did what `next` says. */
  const recover = async (browser: TestBrowser, login: string, action: IdvAction, next: NextVerification): Promise<Page> => {
    op.next = next;
    const started = await browser.request(`${orgUrl}/signin/forgot-password`, { form: { username: login, action } });
    if (started.status !== 302) return read(started);
    const atVendor = await browser.request(started.headers.get("location") ?? "");
    if (atVendor.status !== 302) throw new Error(`the test vendor answered ${atVendor.status}`);
    return read(await browser.request(atVendor.headers.get("location") ?? ""));
  };

  const recoveries = async (): Promise<RecoveryRecord[]> => {
    const response = await fetch(`${orgUrl}/_sandbox/idv-recoveries`);
    return z.object({ recoveries: z.array(recordSchema) }).parse(await response.json()).recoveries;
  };

  return {
    running,
    sandbox: running.sandbox,
    op,
    orgUrl,
    provider,
    configure,
    user,
    namesOf,
    recover,
    recoveries,
    close: async () => {
      await Promise.all([running.close(), op.close()]);
    },
  };
}

/** The hidden one-time token of the "Choose a new password" form. */
export function passwordFormToken(html: string): string {
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("no password form on the page");
  return token;
}
