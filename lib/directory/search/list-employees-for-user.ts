import "server-only";
import { type EmployeeFilter, listEmployees } from "@/lib/directory/list-employees";
import { runAuditedSearch } from "@/lib/directory/search/audit-directory-search";
import { AppError } from "@/lib/errors";

type EmployeeList = Awaited<ReturnType<typeof listEmployees>>;

/**
 * The directory page's list for one console user. A typed query is a directory search: rate-limited per user and
 * audited with the query hashed (runAuditedSearch); browsing and the missing-field filters are not. Over the limit
 * the page gets an empty list and the message to show instead of an error page.
 */
export async function listEmployeesForUser(
  user: { id: string; email: string },
  connectionId: string,
  filter: EmployeeFilter,
  request?: { ip?: string; userAgent?: string },
): Promise<EmployeeList & { refusal: string | null }> {
  const query = filter.q;
  if (!query) return { ...(await listEmployees(connectionId, filter)), refusal: null };
  try {
    const list = await runAuditedSearch(user, { query, source: "directory" }, request, async () => {
      const found = await listEmployees(connectionId, filter);
      return { result: found, count: found.total };
    });
    return { ...list, refusal: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") return { total: 0, employees: [], pages: 1, refusal: error.message };
    throw error;
  }
}
