import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";

/**
 * Database failures that bad input can cause, as the AppError a boundary can answer with (4xx), or null
 * for everything else (a real fault, which must stay a 500 and be logged). No SQL or values in messages.
 */
export function mapDatabaseError(error: unknown): AppError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    switch (error.code) {
      case "P2000":
        return new AppError("invalid_input", "A value is too long.");
      case "P2002":
        return new AppError("conflict", "That already exists.");
      case "P2025":
        return new AppError("not_found", "That no longer exists.");
      case "P2023":
      case "P2007":
        return new AppError("invalid_input", "A value is not in the expected format.");
    }
  }
  const message = error instanceof Error ? error.message : "";
  // PostgreSQL's 22P05/22021: text with NUL or invalid UTF-8 reached a query (e.g. through a raw query).
  if (/invalid byte sequence|unsupported Unicode escape|22P05|22021/.test(message)) {
    return new AppError("invalid_input", "A value contains characters that are not allowed.");
  }
  return null;
}
