import { describe, expect, it } from "vitest";
import { CLAIM_NAMES, type ClaimName } from "@/lib/verification/claims";
import type { ClaimRequirement } from "@/lib/verification/decision/compute-decision";
import { assessVerifiability } from "@/lib/verification/requests/assess-verifiability";

const claims = { ...(Object.fromEntries(CLAIM_NAMES.map((claim) => [claim, "OPTIONAL"])) as Record<ClaimName, ClaimRequirement>), firstName: "REQUIRED", dateOfBirth: "REQUIRED" } as const;
const employee = { membership: "ACTIVE" as const, firstName: "Ana", lastName: null, birthday: "1990-01-02", streetAddress: null, city: null, state: null, postalCode: null, country: null, email: null, mobilePhone: null };

describe("assessVerifiability", () => {
  it("needs a directory value for every required claim, optional ones may be empty", () => {
    expect(assessVerifiability(employee, claims)).toEqual({ canVerify: true });
    expect(assessVerifiability({ ...employee, birthday: " " }, claims)).toEqual({ canVerify: false, reason: "MISSING_REQUIRED_CLAIMS", missing: ["dateOfBirth"] });
  });

  it("refuses people who left the group whatever their profile", () => {
    expect(assessVerifiability({ ...employee, membership: "INACTIVE" }, claims)).toEqual({ canVerify: false, reason: "LEFT_GROUP", missing: [] });
  });
});
