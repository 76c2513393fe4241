import anyAscii from "any-ascii";

/** Pipeline steps that make two spellings of the same text compare equal; named so reasons can cite them. */
export type TextNormalisation = "case" | "diacritics" | "punctuation" | "spacing";

const ALL_STEPS: readonly TextNormalisation[] = ["case", "diacritics", "punctuation", "spacing"];

// ICAO 9303 transliteration for letters where documents write a digraph (MÜLLER -> MUELLER) but any-ascii
// drops the mark (Müller -> Muller). Both spellings are legitimate, so every text gets both forms.
const ICAO_DIGRAPHS: Readonly<Record<string, string>> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  å: "aa",
  æ: "ae",
  ø: "oe",
  œ: "oe",
  ß: "ss",
  þ: "th",
  ĳ: "ij",
};
const ICAO_DIGRAPH_PATTERN = new RegExp(`[${Object.keys(ICAO_DIGRAPHS).join("")}]`, "giu");

// Apostrophes vanish (O'Brien = OBRIEN, as in the MRZ); every other separator becomes a space (Smith-Jones = SMITH JONES).
const APOSTROPHES = /['’‘`´ʼ]/gu;
const SEPARATORS = /[^\p{L}\p{N}\s]+/gu;

function applySteps(value: string, skip: ReadonlySet<TextNormalisation>): string {
  let text = value;
  if (!skip.has("diacritics")) text = anyAscii(text);
  if (!skip.has("case")) text = text.toLowerCase();
  if (!skip.has("punctuation")) text = text.replace(APOSTROPHES, "").replace(SEPARATORS, " ");
  if (!skip.has("spacing")) text = text.replace(/\s+/gu, " ").trim();
  return text;
}

function expandIcaoDigraphs(value: string): string {
  return value.replace(ICAO_DIGRAPH_PATTERN, (letter) => {
    const digraph = ICAO_DIGRAPHS[letter.toLowerCase()] ?? letter;
    return letter === letter.toLowerCase() ? digraph : digraph.toUpperCase();
  });
}

/** Lower-case ASCII with punctuation folded and spaces collapsed: "  O’Brien-Smith " -> "obrien smith". */
export function normaliseText(value: string): string {
  return applySteps(value.normalize("NFC"), new Set());
}

/** A normalised spelling of a text and whether it needed the ICAO digraph transliteration. */
export interface TextForm {
  text: string;
  transliterated: boolean;
}

/** Every normalised spelling of `value`: the plain one and, if it has letters like ü/ø, the ICAO one (ue/oe). */
export function normalisedTextForms(value: string): TextForm[] {
  const plain = normaliseText(value);
  const transliterated = normaliseText(expandIcaoDigraphs(value.normalize("NFC")));
  const forms: TextForm[] = [{ text: plain, transliterated: false }];
  if (transliterated !== plain) forms.push({ text: transliterated, transliterated: true });
  return forms;
}

/**
 * Which normalisation steps were needed for `a` and `b` to compare equal (assuming they do after all steps),
 * found by leaving each step out in turn. Used to explain a match: "case and diacritics differ".
 */
export function neededNormalisations(a: string, b: string, transliterate: boolean): TextNormalisation[] {
  const prepare = (value: string) => (transliterate ? expandIcaoDigraphs(value.normalize("NFC")) : value.normalize("NFC"));
  const [left, right] = [prepare(a), prepare(b)];
  return ALL_STEPS.filter((step) => applySteps(left, new Set([step])) !== applySteps(right, new Set([step])));
}

/** "case and diacritics differ", "transliteration (ü = ue) differs"; for reasons shown to the helpdesk. */
export function describeNormalisations(steps: readonly TextNormalisation[], transliterated: boolean): string {
  const parts: string[] = [...steps];
  if (transliterated) parts.push("transliteration (e.g. ü = ue)");
  if (parts.length === 0) return "identical";
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `${listed} differ${parts.length === 1 ? "s" : ""}`;
}

/** Normalised words of a text, e.g. for names ("García-Márquez" -> ["garcia", "marquez"]). */
export function textTokens(normalised: string): string[] {
  return normalised.split(" ").filter((token) => token.length > 0);
}

/** True for null, undefined and whitespace-only values: the claim is absent on that side. */
export function isBlank(value: string | null | undefined): value is null | undefined {
  return value === null || value === undefined || value.trim().length === 0;
}
