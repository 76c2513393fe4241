import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { resolveConsoleSession, type CurrentConsoleUser } from "@/lib/auth/resolve-console-session";

export type { CurrentConsoleUser };

/** The signed-in console user, re-read from the database on every request (once per render via `cache`). */
export const getCurrentConsoleUser = cache(async (): Promise<CurrentConsoleUser | null> => resolveConsoleSession(await auth()));
