import { z } from "zod";
import { protectedRoute } from "@/lib/auth/guards";
import { db } from "@/lib/db/prisma";
import { runAuditedSearch } from "@/lib/directory/search/audit-directory-search";
import { searchEmployees } from "@/lib/directory/search/search-employees";
import { getCurrentPolicy } from "@/lib/verification/policy";
import { assessVerifiability } from "@/lib/verification/requests/assess-verifiability";
import { policyClaimsOf } from "@/lib/verification/requests/policy-claims";

const querySchema = z.object({ q: z.string().trim().max(100).default("") });

/** As-you-type directory search for agents, each hit with whether it can be verified under the current policy. */
export const GET = protectedRoute("helpdesk:verify", async (request, { user, request: context }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: "Search for at most 100 characters." }, { status: 400 });
  const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true } });
  if (!connection || parsed.data.q.length < 2) return Response.json({ results: [] }, { headers: { "Cache-Control": "no-store" } });
  const query = parsed.data.q;
  const hits = await runAuditedSearch(user, { query, source: "helpdesk" }, context, async () => {
    const found = await searchEmployees({ connectionId: connection.id, query, limit: 20 });
    return { result: found, count: found.length };
  });
  const [profiles, policy] = await Promise.all([
    db().employee.findMany({ where: { id: { in: hits.map((hit) => hit.id) } } }),
    getCurrentPolicy(),
  ]);
  const claims = policyClaimsOf(policy);
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const results = hits.flatMap((hit) => {
    const profile = byId.get(hit.id);
    if (!profile) return [];
    return [{
      id: hit.id,
      name: [hit.firstName, hit.lastName].filter(Boolean).join(" ") || hit.login,
      login: hit.login,
      email: hit.email,
      employeeNumber: hit.employeeNumber,
      membership: hit.membership,
      accountStatus: hit.accountStatus,
      verifiability: assessVerifiability(profile, claims),
    }];
  });
  return Response.json({ results }, { headers: { "Cache-Control": "no-store" } });
});
