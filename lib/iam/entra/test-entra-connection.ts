import type { ConnectionTestResult } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { fetchEntraMembersPage } from "@/lib/iam/entra/fetch-entra-members-page";

/** Token + one member of the group (with its profile, so a missing User.Read.All shows too). Never throws. */
export async function testEntraConnection(input: { graph: GraphCaller; groupId: string }): Promise<ConnectionTestResult> {
  try {
    const page = await fetchEntraMembersPage({ graph: input.graph, groupId: input.groupId, cursor: null, top: 1, withDelta: false });
    const sample = page.employees[0];
    return {
      ok: true,
      memberSample: sample ? { login: sample.login, firstName: sample.firstName, lastName: sample.lastName } : null,
      expectedTotal: page.expectedTotal,
    };
  } catch (error) {
    if (error instanceof ProviderError) {
      return { ok: false, problem: error.options.problem ?? (error.options.retryable ? "unreachable" : "unknown"), message: error.message };
    }
    return { ok: false, problem: "unknown", message: "The connection test failed unexpectedly; check the Entra settings." };
  }
}
