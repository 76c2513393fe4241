import { describe, expect, it } from "vitest";
import { CLAIM_NAMES } from "@/lib/verification/claims";
import { maskClaimValue } from "@/lib/verification/decision/mask-claim-value";

describe("maskClaimValue", () => {
  it("shows names and places, masks what proves or takes over an identity", () => {
    expect(maskClaimValue("firstName", " José ")).toBe("José");
    expect(maskClaimValue("city", "Austin")).toBe("Austin");
    expect(maskClaimValue("dateOfBirth", "1990-08-12")).toBe("1990-••-••");
    expect(maskClaimValue("street", "8861 Oak Street")).toBe("8861 O••••••");
    expect(maskClaimValue("postalCode", "78770")).toBe("78•••");
    expect(maskClaimValue("email", "michael.washington1@example.com")).toBe("m•••@example.com");
    expect(maskClaimValue("mobilePhone", "+1 (415) 555-0100")).toBe("•••• 0100");
  });

  it("never returns the full value of a masked claim, and null for empty values", () => {
    const secretish = { dateOfBirth: "1979-06-29", street: "3092 Park Ave, Apt 14P", postalCode: "SW1A 1AA", email: "a.b@c.de", mobilePhone: "+447700900123" } as const;
    for (const [claim, value] of Object.entries(secretish)) expect(maskClaimValue(claim as keyof typeof secretish, value)).not.toBe(value);
    for (const claim of CLAIM_NAMES) expect(maskClaimValue(claim, "  ")).toBeNull();
  });
});
