import { expect } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { startVerificationAction } from "@/app/(public)/verify/actions";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { loadVerificationSession, VERIFICATION_SESSION_COOKIE, type VerificationSession } from "@/lib/verification/requests/load-verification-session";

/**
 * Self-service for a new employee in a fresh fake browser, as the portal and the verify page start it: the
 * verification is at its first step (the document) and the fake browser holds its session cookie.
 */
export async function startSelfServiceSession<E extends { login: string }>(createEmployee: () => Promise<E>): Promise<{ session: VerificationSession; employee: E }> {
  const employee = await createEmployee();
  fakeBrowser.reset();
  await expect(startSelfServiceAction({ address: employee.login })).rejects.toMatchObject({ digest: expect.stringContaining("/portal/continue") });
  await expect(startVerificationAction(fakeBrowser.jar.get("verifyd_portal")!)).rejects.toMatchObject({ digest: expect.stringContaining("/verify/continue") });
  const session = await loadVerificationSession(fakeBrowser.jar.get(VERIFICATION_SESSION_COOKIE));
  if (!session) throw new Error("no session after start");
  return { session, employee };
}
