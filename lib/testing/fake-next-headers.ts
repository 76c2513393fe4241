import { randomInt } from "node:crypto";
import { CLIENT_IP_HEADER, CLIENT_IP_PROOF_HEADER, CLIENT_IP_SECRET_ENV } from "@/lib/server/client-ip";

type CookieOptions = { expires?: Date; maxAge?: number };

/**
 * One browser for tests of server actions and route handlers outside Next: the cookie jar and request headers
 * that `next/headers` would read. Mock the module with it:
 * `vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders)`.
 */
class FakeBrowser {
  readonly jar = new Map<string, string>();
  ip = "198.51.100.1";

  /** A fresh browser on its own network address (rate limits are per address). */
  reset(): void {
    this.jar.clear();
    this.ip = `198.51.${randomInt(0, 255)}.${randomInt(1, 255)}`;
  }
}

export const fakeBrowser = new FakeBrowser();

// Requests in these tests come "through our server": the address is stamped with the process's proof.
const secret = (process.env[CLIENT_IP_SECRET_ENV] ??= "vitest-client-ip-secret");

export const fakeNextHeaders = {
  headers: async () => new Headers({ [CLIENT_IP_HEADER]: fakeBrowser.ip, [CLIENT_IP_PROOF_HEADER]: secret, "user-agent": "vitest" }),
  cookies: async () => ({
    get: (name: string) => {
      const value = fakeBrowser.jar.get(name);
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string, options: CookieOptions = {}) => {
      const lapsed = (options.expires && options.expires <= new Date()) || options.maxAge === 0;
      if (lapsed) fakeBrowser.jar.delete(name);
      else fakeBrowser.jar.set(name, value);
    },
    delete: (name: string) => fakeBrowser.jar.delete(name),
  }),
};
