import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAuditChain } from "@/lib/audit/check-audit-chain";
import { db } from "@/lib/db/prisma";
import { toJson } from "@/lib/db/to-json";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { DEFAULT_POLICY } from "@/lib/verification/policy/default-policy";
import { getCurrentPolicy } from "@/lib/verification/policy/get-current-policy";
import { listPolicyVersions } from "@/lib/verification/policy/list-policy-versions";
import { SAFE_MINIMUM_ASSURANCE } from "@/lib/verification/policy/minimum-assurance";

/** A version as the database held it before this migration: every column but minimumAssurance. */
const { minimumAssurance: _new, ...legacySettings } = DEFAULT_POLICY;

describe("existing policies migrate to the safe minimum assurance (issue 14)", () => {
  let owner: pg.Client;
  beforeAll(async () => {
    owner = new pg.Client({ connectionString: await useFreshDatabase("policy_assurance_upgrade") });
    await owner.connect();
    // A legacy installation: a version 1 an admin had loosened to... anything; and a version 2 on top.
    await db().verificationPolicy.create({ data: { ...legacySettings, claims: toJson(DEFAULT_POLICY.claims), version: 1 } });
    await db().verificationPolicy.create({ data: { ...legacySettings, claims: toJson(DEFAULT_POLICY.claims), version: 2, linkLifetimeMinutes: 60 } });
  });
  afterAll(async () => {
    await owner.end();
  });

  it("a burst of first readers writes one new version with the safe default and one audit event", async () => {
    const policies = await Promise.all(Array.from({ length: 8 }, () => getCurrentPolicy()));
    expect(new Set(policies.map((policy) => policy.version))).toEqual(new Set([3]));
    expect(policies[0]).toMatchObject({ version: 3, linkLifetimeMinutes: 60, minimumAssurance: SAFE_MINIMUM_ASSURANCE, minimumAssuranceStored: true, createdBy: null });
    const events = await db().auditEvent.findMany({ where: { action: "verification_policy.updated" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "SYSTEM", actorLabel: "policy upgrade", targetLabel: "Version 3" });
    expect(events[0]!.details).toMatchObject({ fromVersion: 2, toVersion: 3, summary: expect.stringMatching(/document data alone never unlocks a self-service reset/) });
    expect(await checkAuditChain(db())).toMatchObject({ broken: null });
  });

  it("is idempotent: later reads change nothing", async () => {
    await getCurrentPolicy();
    await db().$transaction((tx) => getCurrentPolicy(tx));
    expect(await db().verificationPolicy.count()).toBe(3);
    expect(await db().auditEvent.count({ where: { action: "verification_policy.updated" } })).toBe(1);
  });

  it("the old versions stay as they were, and the history says what the new one did", async () => {
    const legacy = await db().verificationPolicy.findUniqueOrThrow({ where: { version: 2 } });
    expect(legacy.minimumAssurance).toBeNull();
    const [newest] = await listPolicyVersions(1);
    expect(newest).toMatchObject({ version: 3, createdBy: null, changes: ["Minimum assurance per purpose introduced with the safe default (written by the system)"] });
  });

  it("no version can be edited in place, not even a setting added after the immutability trigger was written", async () => {
    await expect(owner.query(`UPDATE verification_policy SET "selfServiceEnabled" = false WHERE version = 3`)).rejects.toThrow(/immutable/);
    await expect(owner.query(`UPDATE verification_policy SET "minimumAssurance" = '{}' WHERE version = 3`)).rejects.toThrow(/immutable/);
  });
});
