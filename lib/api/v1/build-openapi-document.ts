import { z } from "zod";
import { API_KEY_SCOPE_LABELS, API_KEY_SCOPES } from "@/lib/api-keys/api-key-schemas";
import { PROBLEM_CODES } from "@/lib/api/problem-details";
import { V1_OPERATIONS, type V1Operation } from "@/lib/api/v1/v1-operations";
import { WEBHOOK_MESSAGE_LABELS, webhookEnvelopeSchema } from "@/lib/webhooks/webhook-payload-schemas";
import { WEBHOOK_MESSAGE_TYPES } from "@/lib/webhooks/webhook-schemas";

type JsonSchema = { [key: string]: unknown };

const PROBLEM_SCHEMA: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem details.",
  properties: {
    type: { type: "string", enum: PROBLEM_CODES.map((code) => `urn:verifyd:problem:${code}`) },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string", description: "What went wrong and what to do, for a person to read." },
    instance: { type: "string" },
    errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "Field → messages (400 only)." },
  },
  required: ["type", "title", "status", "detail"],
};

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "The request is not valid (see `errors`).",
  401: "No API key, or an unknown, revoked or expired one.",
  403: "The key lacks this operation's scope.",
  404: "Not found.",
  409: "The request conflicts with the current state (e.g. no e-mail on record, connection not active).",
  413: "The body is larger than 16 KiB.",
  429: "The key's per-minute limit (or the directory search ceiling) was reached; see Retry-After.",
  500: "Something went wrong on our side.",
};

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas (`.meta({ id })`) are lifted into components. */
function toSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, unknown>): JsonSchema {
  const converted = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = converted;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === "$ref" && typeof inner === "string" ? inner.replace("#/$defs/", "#/components/schemas/") : rewrite(inner)]));
    }
    return value;
  };
  for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, unknown>)) components[name] = rewrite(definition);
  return rewrite(rest) as JsonSchema;
}

function parametersOf(object: z.ZodObject, location: "path" | "query", components: Record<string, unknown>): unknown[] {
  const schema = toSchema(object, "input", components);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: location, required: location === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function operationObject(operation: V1Operation, components: Record<string, unknown>) {
  const { params, query, body } = operation.input.shape;
  const responses: Record<string, unknown> = {
    [operation.success.status]: { description: operation.success.description, content: { "application/json": { schema: toSchema(operation.success.schema, "output", components) } } },
  };
  for (const status of [...operation.problems, 401, 403, 429, 500].sort()) {
    responses[status] = { description: PROBLEM_DESCRIPTIONS[status], content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
  }
  return {
    operationId: operation.operation,
    summary: operation.summary,
    description: `${operation.description}\n\nScope: \`${operation.scope}\`.`,
    tags: [operation.path.split("/")[1]],
    security: [{ apiKey: [operation.scope] }],
    parameters: [...parametersOf(params, "path", components), ...parametersOf(query, "query", components)],
    ...(body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(body, "input", components) } } } } : {}),
    responses,
  };
}

const WEBHOOK_HEADERS = [
  { name: "webhook-id", description: "The message id (msg_…): the same on every retry and replay; deduplicate on it." },
  { name: "webhook-timestamp", description: "Seconds since the epoch when this attempt was signed." },
  { name: "webhook-signature", description: "Space-separated `v1,<base64 HMAC-SHA256>` signatures (two during a secret rotation's overlap)." },
].map((header) => ({ ...header, in: "header", required: true, schema: { type: "string" } }));

/** OpenAPI 3.1 `webhooks`: what verifyd POSTs to registered endpoints (Standard Webhooks), from the payload schemas. */
function webhooksObject(components: Record<string, unknown>) {
  return Object.fromEntries(
    WEBHOOK_MESSAGE_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(/\W/g, "_")}`,
          summary: WEBHOOK_MESSAGE_LABELS[type],
          description: "Signed per Standard Webhooks with the endpoint's secret: verify it with `new Webhook(secret).verify(rawBody, headers)` (npm standardwebhooks). Answer 2xx within 10 s; anything else is retried.",
          parameters: WEBHOOK_HEADERS,
          requestBody: { required: true, content: { "application/json": { schema: toSchema(webhookEnvelopeSchema(type), "output", components) } } },
          responses: { "2XX": { description: "Received; not sent again (except by a replay)." } },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of /api/v1, generated from the operation table and its zod schemas. */
export function buildOpenApiDocument(serverUrl: string) {
  const components: Record<string, unknown> = { Problem: PROBLEM_SCHEMA };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of Object.values(V1_OPERATIONS) as V1Operation[]) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(operation, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "verifyd API",
      version: "1.0.0",
      description: `Search the synced directory, send verification links and read their outcomes from a ticketing tool or chat bot. Authenticate with an API key an administrator creates under Settings → API keys: \`Authorization: Bearer vfd_…\`. Errors are RFC 9457 problem details. Scopes: ${API_KEY_SCOPES.map((scope) => `\`${scope}\` (${API_KEY_SCOPE_LABELS[scope]})`).join(", ")}.`,
    },
    servers: [{ url: new URL("/api/v1", serverUrl).toString() }],
    paths,
    webhooks: webhooksObject(components),
    components: {
      schemas: components,
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key (vfd_…). Each operation names the scope it needs." } },
    },
  };
}
