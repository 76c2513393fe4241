import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db, type Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

/** WebAuthn challenges expire after 5 minutes. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export type ChallengePurpose = "registration" | "authentication";

const clientDataSchema = z.object({ challenge: z.string().min(16).max(200), type: z.string(), origin: z.string() });

function hashChallenge(challenge: string): string {
  return createHash("sha256").update(challenge).digest("base64url");
}

/** Stores a challenge handed to `sessionId` (only its hash), replacing any older one of the same purpose. */
export async function storeWebauthnChallenge(tx: Tx, sessionId: string, purpose: ChallengePurpose, challenge: string): Promise<void> {
  await tx.consoleWebauthnChallenge.deleteMany({ where: { sessionId, purpose } });
  await tx.consoleWebauthnChallenge.create({
    data: { sessionId, purpose, challengeHash: hashChallenge(challenge), expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) },
  });
}

/**
 * Takes the challenge a browser answered (from its clientDataJSON) and consumes it: one conditional DELETE of a
 * row of this session and purpose that has not expired. Whoever deletes it may verify the answer; a replay, an
 * expired challenge or another session's challenge finds nothing. Returns the challenge for the verifier.
 */
export async function consumeWebauthnChallenge(sessionId: string, purpose: ChallengePurpose, clientDataJSON: string): Promise<string> {
  const challenge = challengeOf(clientDataJSON);
  const deleted = await db().consoleWebauthnChallenge.deleteMany({
    where: { sessionId, purpose, challengeHash: hashChallenge(challenge), expiresAt: { gt: new Date() } },
  });
  if (deleted.count !== 1) throw new AppError("invalid_input", "This passkey request has expired or was already used. Try again.");
  return challenge;
}

function challengeOf(clientDataJSON: string): string {
  try {
    const parsed = clientDataSchema.safeParse(JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data.challenge;
  } catch {
    // Falls through to the refusal below: the browser's answer was not JSON.
  }
  throw new AppError("invalid_input", "The passkey answer could not be read.");
}
