import { describe, expect, it } from "vitest";
import { decodeOktaId, oktaId } from "@/lib/sandbox/okta/okta-ids";
import { OktaOrgState } from "@/lib/sandbox/okta/org-state";

describe("Okta sandbox org state", () => {
  it("derives 20-char Okta ids that map back to their index, per seed", () => {
    const ids = new Set<string>();
    for (let index = 0; index < 5000; index += 1) {
      const id = oktaId("00u", "acme", index);
      expect(id).toMatch(/^00u[0-9A-Za-z]{17}$/);
      expect(decodeOktaId("00u", "acme", id)).toBe(index);
      ids.add(id);
    }
    expect(ids.size).toBe(5000);
    expect(decodeOktaId("00u", "globex", oktaId("00u", "acme", 7))).toBeUndefined();
    expect(decodeOktaId("00g", "acme", oktaId("00u", "acme", 7))).toBeUndefined();
  });

  it("serves any user of a 100 000-user org directly, by id or login, without materialising the rest", () => {
    const state = new OktaOrgState("bench", 100_000, "example.com");
    const last = state.record(99_999);
    expect(last?.id).toBe(state.userId(99_999));
    expect(state.findUser(last?.profile.login ?? "")?.index).toBe(99_999);
    expect(state.findUser(state.userId(100_000))).toBeUndefined();
    expect(state.groupMembers(99_990, 200)).toEqual({ indices: Array.from({ length: 10 }, (_, offset) => 99_990 + offset), hasMore: false });
    expect(state.groupMembers(0, 200).hasMore).toBe(true);
  });

  it("keeps changes as overlays and forgets them on reset", () => {
    const state = new OktaOrgState("overlay", 10, "example.com");
    const before = state.record(3);
    state.update(3, (overlay) => (overlay.profile = { login: "renamed@example.com", department: null }), "2026-01-01T00:00:00.000Z");
    state.setStatus(3, "SUSPENDED", "2026-01-02T00:00:00.000Z");
    state.removeFromGroup(4);
    expect(state.findUser("RENAMED@example.com")).toMatchObject({ index: 3, status: "SUSPENDED", profile: { department: null } });
    expect(state.findUser(before?.profile.login ?? "")).toBeUndefined();
    expect(state.groupMembers(3, 2).indices).toEqual([3, 5]);
    state.reset();
    expect(state.record(3)).toEqual(before);
    expect(state.groupMembers(3, 2).indices).toEqual([3, 4]);
  });
});
