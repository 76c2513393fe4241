import { csvCell } from "@/lib/audit/export-audit-csv";
import { db } from "@/lib/db/prisma";
import { PROFILE_FIELDS } from "@/lib/directory/employee-fields";

const BATCH = 1000;

/** Active employees lacking at least one profile field, with the fields they lack, as CSV (streamed in batches). */
export function exportReadinessCsv(connectionId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterLogin: string | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`login,first_name,last_name,email,missing_fields\r\n`));
      }
      const rows = await db().employee.findMany({
        where: {
          connectionId,
          membership: "ACTIVE",
          OR: PROFILE_FIELDS.map((field) => ({ [field.key]: null })),
          ...(afterLogin ? { login: { gt: afterLogin } } : {}),
        },
        orderBy: { login: "asc" },
        take: BATCH,
      });
      if (rows.length === 0) return controller.close();
      afterLogin = rows[rows.length - 1]!.login;
      const lines = rows.map((row) => {
        const missing = PROFILE_FIELDS.filter((field) => row[field.key] === null).map((field) => field.label);
        return [row.login, row.firstName, row.lastName, row.email, missing.join("; ")].map(csvCell).join(",");
      });
      controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
      if (rows.length < BATCH) controller.close();
    },
  });
}
