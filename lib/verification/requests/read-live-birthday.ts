import { providerForConnection } from "@/lib/connections/provider-for-connection";
import { db } from "@/lib/db/prisma";
import { storeReadBirthdays } from "@/lib/directory/birthdays/store-read-birthdays";
import { AppError } from "@/lib/errors";
import { ProviderError, type ProviderSource } from "@/lib/iam/identity-provider";
import { capabilitiesOf } from "@/lib/iam/provider-capabilities";
import type { VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { policyClaimsOf } from "@/lib/verification/requests/policy-claims";

/** How long a decision waits for the provider's answer (the Graph SDK retries a 429 up to three times inside it). */
export const LIVE_BIRTHDAY_TIMEOUT_MS = 8_000;

/** Shown to the employee when the date of birth cannot be compared: nothing is decided, a retry can succeed. */
export const BIRTHDAY_UNAVAILABLE_MESSAGE = "We could not reach your company's directory to check your date of birth, so nothing was decided. Try again in a few minutes.";

class LiveReadTimeout extends Error {
  constructor() {
    super("The directory did not answer in time.");
    this.name = "LiveReadTimeout";
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LiveReadTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The verification to decide, and whether a REQUIRED date of birth could be read neither live nor from the row. */
export type LiveBirthdaySession = { session: VerificationSession; unreadable: boolean };

/**
 * The verification with its employee's date of birth read live from the provider, when the policy compares it
 * (REQUIRED or OPTIONAL) and the connection's provider serves it one employee at a time
 * (`capabilities.birthdaySource` "per_employee"; Entra lists none). The answer is stored on the employee row (with
 * `birthdayReadAt`), so the decision's directory value is the one the provider gave. If the provider cannot answer
 * (error, throttling, timeout), the row's last read value is compared instead; with none, an OPTIONAL date of birth
 * is left out and a REQUIRED one is `unreadable` (see refuseWhenBirthdayDecides). Never logs the date.
 */
export async function withLiveBirthday(session: VerificationSession, options: { providers?: ProviderSource; timeoutMs?: number } = {}): Promise<LiveBirthdaySession> {
  const employee = session.employee;
  const requirement = policyClaimsOf(session.policy).dateOfBirth;
  if (!employee || requirement === "OFF") return { session, unreadable: false };
  const connection = await db().iamConnection.findUnique({ where: { id: employee.connectionId }, select: { provider: true } });
  if (!connection || capabilitiesOf(connection.provider).birthdaySource !== "per_employee") return { session, unreadable: false };

  try {
    const provider = await (options.providers ?? providerForConnection)(employee.connectionId);
    const answers = await withTimeout(provider.readBirthdays([employee.externalId]), options.timeoutMs ?? LIVE_BIRTHDAY_TIMEOUT_MS);
    const birthday = answers.get(employee.externalId) ?? null;
    const readAt = new Date();
    await storeReadBirthdays({ connectionId: employee.connectionId, birthdays: new Map([[employee.externalId, birthday]]), readAt });
    return { session: { ...session, employee: { ...employee, birthday, birthdayReadAt: readAt } }, unreadable: false };
  } catch (error) {
    if (!(error instanceof ProviderError || error instanceof LiveReadTimeout)) throw error;
    const stored = Boolean(employee.birthday?.trim());
    // The error's kind only: its message may name the employee.
    console.warn(`Live date-of-birth read failed (${error.name}${error instanceof ProviderError ? `, ${error.options.problem ?? "no problem code"}` : ""}); ${stored ? "comparing the last value read" : "no value to compare"}.`);
    return { session, unreadable: !stored && requirement === "REQUIRED" };
  }
}

/**
 * Refuses to decide (AppError, nothing recorded: the employee tries again) when a REQUIRED date of birth was
 * unreadable and the evidence would otherwise pass: the outage must not fail a genuine employee, nor may the
 * missing date be skipped. When the rest of the evidence fails anyway, the decision stands (FAILED either way).
 * `outcomeOf` evaluates a session whose policy leaves the date of birth out.
 */
export function refuseWhenBirthdayDecides(live: LiveBirthdaySession, outcomeOf: (session: VerificationSession) => string): void {
  if (!live.unreadable) return;
  const claims = { ...policyClaimsOf(live.session.policy), dateOfBirth: "OFF" };
  if (outcomeOf({ ...live.session, policy: { ...live.session.policy, claims } }) !== "FAILED") throw new AppError("rate_limited", BIRTHDAY_UNAVAILABLE_MESSAGE);
}
