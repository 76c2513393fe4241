import { z } from "zod";
import { type CredentialRef, ProviderError, type ResetMfaResult } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { classifyEntraMethod } from "@/lib/iam/entra/entra-auth-method-kinds";
import { sendEntraWrite } from "@/lib/iam/entra/send-entra-write";

const methodsSchema = z.object({ value: z.array(z.looseObject({ "@odata.type": z.string(), id: z.string() })) });
const tapSchema = z.object({ temporaryAccessPass: z.string().min(1), lifetimeInMinutes: z.number(), isUsableOnce: z.boolean() });

/** Long enough for the employee to reach a computer after the helpdesk call; single use, as Microsoft advises. */
export const TAP_LIFETIME_MINUTES = 60;
const WRITE_PERMISSION = "UserAuthenticationMethod.ReadWrite.All";

type Deletable = CredentialRef & { segment: string };

/**
 * Deletes every deletable authentication method except the password, then optionally issues a Temporary Access
 * Pass. Order matters: Entra refuses to delete the default method (often the phone) while others remain, so phones
 * go last and a method refused with 400 is tried once more after the others. A 404 on delete means "already gone"
 * (a retried reset), which is success. An existing TAP is deleted unless a new one is issued (Graph replaces it).
 */
export async function resetEntraMfa(graph: GraphCaller, userId: string, input: { issueTemporaryAccessPass: boolean }): Promise<ResetMfaResult> {
  const user = `/users/${encodeURIComponent(userId)}`;
  const listed = methodsSchema.safeParse(await graph.get(`${user}/authentication/methods`, { what: "user" }));
  if (!listed.success) throw new ProviderError("Microsoft Graph returned an unexpected list of authentication methods.", { retryable: false, problem: "unknown" });

  const kept: CredentialRef[] = [];
  const queue: Deletable[] = [];
  for (const method of listed.data.value) {
    const { kind, deleteSegment } = classifyEntraMethod(method["@odata.type"]);
    const replacedByNewPass = kind === "temporaryAccessPass" && input.issueTemporaryAccessPass;
    if (deleteSegment && !replacedByNewPass) queue.push({ kind, id: method.id, segment: deleteSegment });
    else if (!replacedByNewPass) kept.push({ kind, id: method.id });
  }
  queue.sort((a, b) => Number(a.segment === "phoneMethods") - Number(b.segment === "phoneMethods"));

  const removed: CredentialRef[] = [];
  const deleteOne = async (method: Deletable): Promise<"removed" | "gone"> => {
    try {
      await sendEntraWrite(graph, userId, { method: "DELETE", path: `${user}/authentication/${method.segment}/${encodeURIComponent(method.id)}` }, { does: `delete the ${method.kind} method`, permission: WRITE_PERMISSION });
      return "removed";
    } catch (error) {
      if (error instanceof ProviderError && error.options.status === 404) return "gone";
      throw error;
    }
  };
  const refusedOnce: Deletable[] = [];
  for (const method of queue) {
    try {
      if ((await deleteOne(method)) === "removed") removed.push({ kind: method.kind, id: method.id });
    } catch (error) {
      if (!(error instanceof ProviderError) || error.options.status !== 400) throw error;
      refusedOnce.push(method); // probably the default method: retry once the others are gone
    }
  }
  for (const method of refusedOnce) {
    if ((await deleteOne(method)) === "removed") removed.push({ kind: method.kind, id: method.id });
  }

  if (!input.issueTemporaryAccessPass) return { removed, kept, temporaryAccessPass: null };
  const created = await sendEntraWrite(
    graph,
    userId,
    { method: "POST", path: `${user}/authentication/temporaryAccessPassMethods`, body: { lifetimeInMinutes: TAP_LIFETIME_MINUTES, isUsableOnce: true } },
    { does: "issue a Temporary Access Pass", permission: WRITE_PERMISSION },
  );
  const pass = tapSchema.safeParse(created);
  if (!pass.success) throw new ProviderError("Microsoft Graph returned an unexpected Temporary Access Pass.", { retryable: false, problem: "unknown" });
  return { removed, kept, temporaryAccessPass: { value: pass.data.temporaryAccessPass, lifetimeInMinutes: pass.data.lifetimeInMinutes, isUsableOnce: pass.data.isUsableOnce } };
}

