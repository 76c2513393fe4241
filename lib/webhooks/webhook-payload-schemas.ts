import { z } from "zod";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_TEST_EVENT, type WebhookMessageType } from "@/lib/webhooks/webhook-schemas";

/**
 * What each event's `data` holds, as zod schemas: the payload builders parse their output with them (so nothing
 * else can slip in), and the OpenAPI document's `webhooks` section is generated from them.
 */
const id = z.string().describe("A verifyd id (UUID).");
const ticket = z.string().nullable().describe("The external ticket reference the verification carries (e.g. a ServiceNow incident number).");
const timestamp = z.string().describe("ISO 8601, UTC.");

export const verificationDecidedDataSchema = z
  .strictObject({
    verificationId: id,
    employeeId: id.nullable().describe("The employee's id in verifyd; null when a self-service address matched nobody."),
    ticket,
    purpose: z.string(),
    initiator: z.string().describe("CONSOLE_USER, API_CLIENT, SELF_SERVE or IDP."),
    status: z.enum(["VERIFIED", "FAILED"]),
    decidedAt: timestamp.nullable(),
    assuranceLevel: z.string().nullable(),
    meetsPolicy: z.boolean().nullable(),
    claims: z.array(z.strictObject({ claim: z.string(), outcome: z.string(), requirement: z.string() })).describe("Each claim's outcome, never the values compared."),
    failureReason: z.string().nullable(),
  })
  .meta({ id: "WebhookVerificationDecided" });

export const credentialResetDataSchema = z
  .strictObject({
    resetId: id,
    verificationId: id,
    employeeId: id,
    ticket,
    action: z.enum(["PASSWORD_RESET", "MFA_RESET", "ACCOUNT_UNLOCK"]),
    status: z.enum(["SUCCEEDED", "FAILED", "REFUSED"]),
    failedStep: z.string().nullable(),
    completedAt: timestamp.nullable(),
    reason: z.literal("privileged_account").optional().describe("Refusals only."),
    roles: z.array(z.string()).optional().describe("Refusals only: the administrator roles found."),
  })
  .meta({ id: "WebhookCredentialReset" });

export const syncFailedDataSchema = z.strictObject({ syncRunId: id, connectionId: id, mode: z.enum(["FULL", "DELTA"]), failedAt: timestamp }).meta({ id: "WebhookSyncFailed" });

export const testDataSchema = z.strictObject({ endpointId: id, message: z.string() }).meta({ id: "WebhookTest" });

export const WEBHOOK_DATA_SCHEMAS: Record<WebhookMessageType, z.ZodObject> = {
  "verification.decided": verificationDecidedDataSchema,
  "credential_reset.completed": credentialResetDataSchema,
  "credential_reset.failed": credentialResetDataSchema,
  "credential_reset.refused": credentialResetDataSchema,
  "directory.sync_failed": syncFailedDataSchema,
  [WEBHOOK_TEST_EVENT]: testDataSchema,
};

export const WEBHOOK_MESSAGE_LABELS: Record<WebhookMessageType, string> = { ...WEBHOOK_EVENT_LABELS, [WEBHOOK_TEST_EVENT]: "A test event sent from the endpoint's page" };

/** The signed body of one event type: `{ type, timestamp, data }`. */
export function webhookEnvelopeSchema(type: WebhookMessageType) {
  return z.strictObject({ type: z.literal(type), timestamp, data: WEBHOOK_DATA_SCHEMAS[type] });
}
