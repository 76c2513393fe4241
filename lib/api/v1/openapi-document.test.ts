import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/v1/build-openapi-document";
import { V1_OPERATIONS } from "@/lib/api/v1/v1-operations";
import { z } from "zod";
import { WEBHOOK_MESSAGE_TYPES } from "@/lib/webhooks/webhook-schemas";

const document = buildOpenApiDocument("https://verifyd.example.com");

function routeFileOf(apiPath: string): string {
  return path.join(process.cwd(), "app/api/v1", apiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

describe("the /api/v1 OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator does refuse: a document without its info object is not OpenAPI.
    const { info: _info, ...withoutInfo } = structuredClone(document);
    expect((await new Validator().validate(withoutInfo)).valid).toBe(false);
  });

  it("describes every operation, and every operation is a route that takes its schema from the same table", () => {
    for (const operation of Object.values(V1_OPERATIONS)) {
      const described = (document.paths[operation.path] as Record<string, { operationId: string; security: unknown }>)[operation.method.toLowerCase()];
      expect(described?.operationId, operation.operation).toBe(operation.operation);
      expect(described?.security).toEqual([{ apiKey: [operation.scope] }]);
      const file = routeFileOf(operation.path);
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, "utf8");
      expect(source).toContain(`export const ${operation.method} = apiRoute({\n  ...V1_OPERATIONS.${operation.operation},`);
    }
  });

  it("documents every webhook event with its signed body, generated from the payload schemas", () => {
    const described = z.record(
      z.string(),
      z.object({ post: z.object({ parameters: z.array(z.object({ name: z.string() })), requestBody: z.object({ content: z.object({ "application/json": z.object({ schema: z.object({ properties: z.object({ type: z.object({ const: z.string() }) }) }) }) }) }) }) }),
    ).parse(document.webhooks);
    expect(Object.keys(described)).toEqual([...WEBHOOK_MESSAGE_TYPES]);
    for (const type of WEBHOOK_MESSAGE_TYPES) {
      expect(described[type]?.post.parameters.map((parameter) => parameter.name), type).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
      expect(described[type]?.post.requestBody.content["application/json"].schema.properties.type.const, type).toBe(type);
    }
    expect(document.components.schemas).toHaveProperty("WebhookVerificationDecided");
  });

  it("lifts named schemas into components and leaves no dangling reference", () => {
    const text = JSON.stringify(document);
    const references = [...text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const name of references) expect(document.components.schemas, name).toHaveProperty(name as string);
    expect(text).not.toContain("$defs");
  });

  it("documents the request body, query and path parameters from the zod schemas", () => {
    const create = document.paths["/verifications"]?.post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, { enum?: string[] }>; required: string[] } } } } };
    const body = create.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["employeeId", "purpose"]));
    expect(body.properties.channel?.enum).toEqual(["EMAIL", "SMS", "LINK"]);
    expect(Object.keys(body.properties)).toContain("ticket");
    const search = document.paths["/employees"]?.get as { parameters: Array<{ name: string; in: string; required: boolean }> };
    expect(search.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "q", in: "query", required: true }), expect.objectContaining({ name: "limit", required: false })]));
    const read = document.paths["/verifications/{verificationId}"]?.get as { parameters: Array<{ name: string; in: string; required: boolean }> };
    expect(read.parameters).toEqual([expect.objectContaining({ name: "verificationId", in: "path", required: true })]);
  });
});
