import { describe, expect, it } from "vitest";
import { nextWebhookAttemptAt, shouldDisableEndpoint, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY } from "@/lib/webhooks/webhook-retry-policy";

const now = new Date("2026-12-08T00:00:00Z");
const noJitter = () => 0;

describe("webhook retry schedule", () => {
  it("follows the Standard Webhooks schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const waits = Array.from({ length: WEBHOOK_MAX_ATTEMPTS }, (_, index) => nextWebhookAttemptAt(index + 1, now, noJitter)).map((at) => (at ? (at.getTime() - now.getTime()) / 1000 : null));
    expect(waits).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 36_000, null]);
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(8);
  });

  it("adds at most 10% jitter", () => {
    const at = nextWebhookAttemptAt(3, now, () => 0.999);
    expect(at!.getTime() - now.getTime()).toBeGreaterThan(30 * 60_000);
    expect(at!.getTime() - now.getTime()).toBeLessThanOrEqual(33 * 60_000);
  });

  it("never schedules before the first attempt", () => {
    expect(nextWebhookAttemptAt(0, now, noJitter)).toBeNull();
  });
});

describe("auto-disable", () => {
  const since = (ms: number) => new Date(now.getTime() - ms);
  it("disables only after enough failures in a row over a whole day", () => {
    expect(shouldDisableEndpoint({ consecutiveFailures: 50, failingSince: since(60 * 60_000) }, now)).toBe(false);
    expect(shouldDisableEndpoint({ consecutiveFailures: WEBHOOK_RETRY.disableAfterFailures - 1, failingSince: since(48 * 60 * 60_000) }, now)).toBe(false);
    expect(shouldDisableEndpoint({ consecutiveFailures: WEBHOOK_RETRY.disableAfterFailures, failingSince: since(WEBHOOK_RETRY.disableAfterFailingMs) }, now)).toBe(true);
    expect(shouldDisableEndpoint({ consecutiveFailures: 100, failingSince: null }, now)).toBe(false);
  });
});
