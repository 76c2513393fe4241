import { z } from "zod";

/**
 * C0 controls (NUL included) and DEL, except tab, line feed and carriage return. PostgreSQL refuses NUL in
 * text columns with a 500-shaped error, and the others have no business in names, queries or filters; we
 * refuse them at the boundary with a clear 400 instead.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const CONTROL_CHARACTER_MESSAGE = "Remove the control characters (such as NUL) from this value.";

export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/**
 * The dotted path of the first string (key or value) inside `input` that holds a control character, or null.
 * Wrappers run it before the zod schema so no handler ever sees such a value, whatever its schema says.
 */
export function findControlCharacterPath(input: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof input === "string") return hasControlCharacters(input) ? path.join(".") || "form" : null;
  if (depth > 20 || input === null || typeof input !== "object") return null;
  if (input instanceof Blob || input instanceof Date) return null;
  if (input instanceof FormData || input instanceof URLSearchParams) {
    for (const [key, value] of input.entries()) {
      if (hasControlCharacters(key)) return [...path, "form"].join(".");
      if (typeof value === "string" && hasControlCharacters(value)) return [...path, key].join(".");
    }
    return null;
  }
  for (const [key, value] of Object.entries(input)) {
    if (hasControlCharacters(key)) return [...path, "form"].join(".");
    const found = findControlCharacterPath(value, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** A zod string that refuses control characters; for schemas parsed outside the action wrappers. */
export function plainText() {
  return z.string().refine((value) => !hasControlCharacters(value), { message: CONTROL_CHARACTER_MESSAGE });
}
