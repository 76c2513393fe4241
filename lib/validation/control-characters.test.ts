import { describe, expect, it } from "vitest";
import { findControlCharacterPath, hasControlCharacters, plainText } from "@/lib/validation/control-characters";

describe("control characters", () => {
  it("refuses NUL, other C0 controls and DEL but keeps tab and line breaks", () => {
    expect(hasControlCharacters("ada\u0000")).toBe(true);
    expect(hasControlCharacters("a\u001bb")).toBe(true);
    expect(hasControlCharacters("a\u007f")).toBe(true);
    expect(hasControlCharacters("line one\nline two\tand\r")).toBe(false);
    expect(hasControlCharacters("Zoë Ångström")).toBe(false);
  });

  it("finds the first offending field anywhere in nested input", () => {
    expect(findControlCharacterPath({ query: "ok", filters: { actor: ["x", "bad\u0000"] } })).toBe("filters.actor.1");
    expect(findControlCharacterPath({ ["k\u0000"]: "v" })).toBe("form");
    expect(findControlCharacterPath({ a: 1, b: null, c: ["fine"] })).toBeNull();
    const form = new FormData();
    form.set("email", "a@b.c\u0000");
    expect(findControlCharacterPath(form)).toBe("email");
  });

  it("plainText() gives a clear message", () => {
    const result = plainText().safeParse("x\u0000");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/control characters/);
  });
});
