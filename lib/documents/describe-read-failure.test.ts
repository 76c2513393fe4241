import { describe, expect, it } from "vitest";
import { describeReadFailure, readFailureLabel } from "./describe-read-failure";

describe("read failure wording", () => {
  it("gives the agent a plain label for every hint, never the code name", () => {
    expect(readFailureLabel("unsupported_document")).toBe("a visa, not an identity document");
    expect(readFailureLabel("unreadable_number")).toBe("document number not read reliably");
    expect(readFailureLabel("tilted")).toBe("document at a slant");
    expect(readFailureLabel(null)).toBe("unknown cause");
    // A hint stored by an older version is shown as it was stored, not dropped.
    expect(readFailureLabel("legacy_hint")).toBe("legacy_hint");
  });

  it("gives the employee the full instruction for the hint unless a special message is given", () => {
    expect(describeReadFailure("UNREADABLE", "glare").message).toMatch(/reflection/);
    expect(describeReadFailure("UNREADABLE", "tilted").message).toMatch(/parallel/);
    expect(describeReadFailure("TOO_LARGE", "unsupported_format", "Too big.").message).toBe("Too big.");
  });
});
