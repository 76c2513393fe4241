import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow } from "@/lib/audit/audit-chain";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { CHAIN_START, type ChainedAuditRow, verifyChainEnd, verifyChainSegment } from "@/lib/audit/verify-audit-chain";

function chain(length: number): ChainedAuditRow[] {
  const rows: ChainedAuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let n = 1; n <= length; n++) {
    const content = {
      chainSeq: BigInt(n),
      occurredAt: new Date(Date.UTC(2026, 11, 6, 12, 0, n)),
      actorType: "SYSTEM",
      actorId: null,
      actorLabel: "test",
      action: "access.denied",
      targetType: "test",
      targetId: `t${n}`,
      targetLabel: null,
      ip: "192.0.2.1",
      userAgent: null,
      details: { n, list: [1, "two", null] },
    };
    const hash = hashAuditRow(prevHash, content);
    rows.push({ ...content, id: BigInt(100 + n), prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe("canonicalJson", () => {
  it("writes one text whatever the key order, without undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: "x" }, u: undefined })).toBe('{"a":{"c":"x","d":[true,null]},"b":1}');
    expect(canonicalJson({ a: { c: "x", d: [true, null] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [true, null], c: "x" } }));
  });
});

describe("verifyChainSegment", () => {
  it("accepts an intact chain read in batches", () => {
    const rows = chain(10);
    const first = verifyChainSegment(CHAIN_START, rows.slice(0, 4));
    expect(first.ok).toBe(true);
    const rest = first.ok ? verifyChainSegment(first.at, rows.slice(4)) : first;
    expect(rest).toEqual({ ok: true, at: { seq: 10n, hash: rows[9]?.hash } });
  });

  it("does not depend on the stored key order of the details", () => {
    const rows = chain(3).map((row) => ({ ...row, details: { list: [1, "two", null], n: Number(row.chainSeq) } }));
    expect(verifyChainSegment(CHAIN_START, rows).ok).toBe(true);
  });

  it("names the edited row", () => {
    const rows = chain(10);
    rows[5] = { ...rows[5]!, actorLabel: "someone else" };
    expect(verifyChainSegment(CHAIN_START, rows)).toEqual({ ok: false, broken: { id: 106n, chainSeq: 6n, reason: expect.stringMatching(/edited/) } });
  });

  it("names the row after a removed one, and a row re-hashed onto another chain", () => {
    const rows = chain(10);
    expect(verifyChainSegment(CHAIN_START, [...rows.slice(0, 3), ...rows.slice(4)])).toMatchObject({ ok: false, broken: { chainSeq: 5n } });
    const forged = { ...rows[2]!, prevHash: "f".repeat(64) };
    forged.hash = hashAuditRow(forged.prevHash, forged);
    expect(verifyChainSegment(CHAIN_START, [...rows.slice(0, 2), forged, ...rows.slice(3)])).toMatchObject({ ok: false, broken: { chainSeq: 3n, reason: expect.stringMatching(/previous hash/) } });
  });

  it("notices rows removed from the end through the head", () => {
    const rows = chain(5);
    const walked = verifyChainSegment(CHAIN_START, rows.slice(0, 4));
    if (!walked.ok) throw new Error("expected an intact prefix");
    expect(verifyChainEnd(walked.at, { seq: 5n, hash: rows[4]!.hash })).toMatchObject({ chainSeq: 5n, reason: expect.stringMatching(/removed/) });
    expect(verifyChainEnd(walked.at, walked.at)).toBeNull();
  });
});
