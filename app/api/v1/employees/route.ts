import { apiKeyActor } from "@/lib/audit/record-audit-event";
import { apiRoute } from "@/lib/api/api-route";
import { V1_OPERATIONS } from "@/lib/api/v1/v1-operations";
import { db } from "@/lib/db/prisma";
import { runAuditedSearch } from "@/lib/directory/search/audit-directory-search";
import { searchEmployees } from "@/lib/directory/search/search-employees";

/** Directory search for integrations: the helpdesk search, ranked the same, audited the same (hashed query). */
export const GET = apiRoute({
  ...V1_OPERATIONS.searchEmployees,
  async handler({ key, request, input }) {
    const connection = await db().iamConnection.findUnique({ where: { singleton: true }, select: { id: true } });
    if (!connection) return Response.json({ data: [] }, { headers: { "Cache-Control": "no-store" } });
    const { q, limit, membership } = input.query;
    const hits = await runAuditedSearch({ id: key.id, actor: apiKeyActor(key) }, { query: q, source: "api" }, request, async () => {
      const found = await searchEmployees({ connectionId: connection.id, query: q, limit, membership });
      return { result: found, count: found.length };
    });
    const data = hits.map((hit) => ({
      id: hit.id,
      name: [hit.firstName, hit.lastName].filter(Boolean).join(" ") || hit.login,
      login: hit.login,
      email: hit.email,
      employeeNumber: hit.employeeNumber,
      membership: hit.membership,
      accountStatus: hit.accountStatus,
    }));
    return Response.json({ data }, { headers: { "Cache-Control": "no-store" } });
  },
});
