import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/prisma";
import { createTestConnection } from "@/lib/directory/testing/create-test-connection";
import { openOutboxBody } from "@/lib/notifications/outbox-body";

export type TestEmployeeProfile = {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  mobilePhone?: string | null;
  streetAddress?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
  birthday?: string | null;
};

/** A connection, a helpdesk agent, and a factory for synced employees (for verification tests). */
export async function createVerificationWorld(tag: string) {
  const connectionId = await createTestConnection();
  const agent = await db().consoleUser.create({
    data: { email: `agent-${tag}@example.com`, name: "Dana Agent", role: "HELPDESK", passwordHash: await hashPassword("agent password 1"), mustChangePassword: false },
  });
  let counter = 0;
  async function createEmployee(profile: TestEmployeeProfile = {}) {
    counter += 1;
    return db().employee.create({
      data: {
        connectionId,
        externalId: `${tag}-${counter}`,
        login: `${tag}.${counter}@example.com`,
        firstName: "Alex",
        lastName: "Doe",
        email: `${tag}.${counter}@example.com`,
        accountStatus: "ACTIVE",
        lastSyncedAt: new Date(),
        ...profile,
      },
    });
  }
  return { connectionId, agent: { id: agent.id, email: agent.email, name: agent.name, role: agent.role }, createEmployee };
}

/** The text of the newest outbox message tied to a verification (what the employee would read). */
export async function latestMessageText(verificationId: string): Promise<string> {
  const message = await db().outboxMessage.findFirstOrThrow({ where: { relatedType: "verification_request", relatedId: verificationId }, orderBy: { createdAt: "desc" } });
  if (!message.sealedBody) throw new Error("message body was cleared");
  return openOutboxBody(message.id, message.sealedBody).text;
}

export function codeFrom(text: string): string {
  const match = /\b(\d{6})\b/.exec(text);
  if (!match?.[1]) throw new Error("no code in message");
  return match[1];
}

export function tokenFrom(text: string): string {
  const match = /\/verify\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error("no link in message");
  return match[1];
}
