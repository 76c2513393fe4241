/**
 * `npm run secrets:reencrypt`: after a new key was put first in DATA_ENCRYPTION_KEYS, re-seals every stored
 * secret under it, then says which key ids are still in use and which can now be removed. Safe to run again
 * (or twice at once). Exit code 1 when some value could not be opened.
 */
import { prepareRuntime } from "@/lib/cli/prepare-runtime";
import { parseKeyring } from "@/lib/config/keyring";
import { reencryptSecrets } from "@/lib/crypto/reencrypt-secrets";
import { db, disconnectDb } from "@/lib/db/prisma";

const runtime = await prepareRuntime({ nodeEnv: "development" });
let status = 0;
try {
  const keyring = parseKeyring(runtime.env.DATA_ENCRYPTION_KEYS);
  const report = await reencryptSecrets(db(), keyring);
  const resealed = Object.entries(report.resealed).filter(([, count]) => count > 0);
  const total = resealed.reduce((sum, [, count]) => sum + count, 0);
  const lines = [`Re-sealed ${total} value(s) under the active key "${keyring.activeKeyId}"${resealed.length ? ` (${resealed.map(([name, count]) => `${name} ${count}`).join(", ")})` : ""}.`];
  if (report.unreadable.length > 0) {
    status = 1;
    lines.push(`${report.unreadable.length} value(s) open with no configured key (left as they are):`);
    for (const item of report.unreadable.slice(0, 20)) lines.push(`  ${item.column} ${item.id}: ${item.reason}`);
  }
  const describe = (counts: Record<string, number>) => Object.entries(counts).map(([keyId, count]) => `${keyId} (${count})`).join(", ") || "none";
  lines.push(`Key ids in use: ${describe(report.keysInUse)}.`);
  if (Object.keys(report.keysInJobSteps).length > 0) {
    lines.push(`Also in finished job runs' step output (deleted by housekeeping after their retention): ${describe(report.keysInJobSteps)}.`);
  }
  // The active key stays, whether or not anything uses it yet: it seals what comes next.
  const removable = [...keyring.keys.keys()].filter(
    (keyId) => keyId !== keyring.activeKeyId && !(keyId in report.keysInUse) && !(keyId in report.keysInJobSteps),
  );
  lines.push(removable.length > 0 ? `No longer used, can be removed from DATA_ENCRYPTION_KEYS: ${removable.join(", ")}.` : "Every configured key is still in use.");
  process.stdout.write(`${lines.join("\n")}\n`);
} finally {
  await disconnectDb();
  await runtime.stop();
}
process.exit(status);
