/**
 * `npm run audit:verify`: walks the audit log's hash chain (embedded database unless DATABASE_URL is set)
 * and prints OK with the chain's head, or the first row that breaks it; exit code 1 on a break.
 */
import { checkAuditChain } from "@/lib/audit/check-audit-chain";
import { prepareRuntime } from "@/lib/cli/prepare-runtime";
import { db, disconnectDb } from "@/lib/db/prisma";

const runtime = await prepareRuntime({ nodeEnv: "development" });
let status = 0;
try {
  const report = await checkAuditChain(db());
  const unchained = report.unchained > 0 ? ` (${report.unchained} older row(s) predate the chain and are not covered)` : "";
  if (report.broken) {
    const { id, chainSeq, reason } = report.broken;
    process.stdout.write(
      `Audit chain BROKEN at ${id === null ? "" : `row id ${id}, `}position ${chainSeq}: ${reason}.\n` +
        `The ${report.checked} row(s) before it verify${unchained}.\n`,
    );
    status = 1;
  } else {
    process.stdout.write(
      `Audit chain OK: ${report.checked} row(s) verified${unchained}.\n` +
        // Kept elsewhere (a ticket, a log), the head also exposes a rewrite of the whole chain later on.
        `Head: position ${report.head.seq}, hash ${report.head.hash}\n`,
    );
  }
} finally {
  await disconnectDb();
  await runtime.stop();
}
process.exit(status);
