import { formatScore } from "./claim-verdicts";
import { jaroWinklerSimilarity } from "./jaro-winkler-similarity";
import { MATCH_THRESHOLDS } from "./match-thresholds";
import { describeNormalisations, neededNormalisations, normalisedTextForms, textTokens } from "./normalise-text";

/** How one directory name field compares with one document name field. */
export interface NameFieldComparison {
  matched: boolean;
  score: number;
  /** Sentence fragment for the helpdesk, e.g. "case and diacritics differ". */
  detail: string;
  /** True when one side lists names the other lacks (a middle name, a second surname). */
  hasExtraNames: boolean;
  /** True when an initial stood in for a whole name ("A" for "Albert"). */
  usedInitials: boolean;
}

// Particles of compound names. Agreeing on "van" or "de" alone says nothing about who someone is.
const NAME_PARTICLES = new Set(["de", "del", "della", "der", "den", "da", "das", "do", "dos", "di", "du", "la", "le", "van", "von", "y", "e", "bin", "ibn", "al", "el", "ter", "ten"]);

type TokenPairing = { kind: "exact" | "fuzzy" | "initial"; score: number; shortToken: string; longToken: string; longIndex: number };

/**
 * Jaro-Winkler favours shared prefixes, so Paul/Paula and Daniel/Daniela score above the name threshold although
 * they are different names. A name that only gains letters at the end never counts as a spelling variant.
 */
function onlyAddsLettersAtTheEnd(a: string, b: string): boolean {
  return a !== b && (a.startsWith(b) || b.startsWith(a));
}

function pairToken(shortToken: string, longTokens: readonly string[], used: ReadonlySet<number>): TokenPairing | null {
  let best: TokenPairing | null = null;
  longTokens.forEach((longToken, longIndex) => {
    if (used.has(longIndex)) return;
    let candidate: TokenPairing | null = null;
    if (shortToken === longToken) {
      candidate = { kind: "exact", score: 1, shortToken, longToken, longIndex };
    } else if ((shortToken.length === 1 || longToken.length === 1) && shortToken[0] === longToken[0]) {
      candidate = { kind: "initial", score: 0, shortToken, longToken, longIndex };
    } else if (!onlyAddsLettersAtTheEnd(shortToken, longToken)) {
      const score = jaroWinklerSimilarity(shortToken, longToken);
      if (score >= MATCH_THRESHOLDS.name) candidate = { kind: "fuzzy", score, shortToken, longToken, longIndex };
    }
    const rank = (pairing: TokenPairing) => (pairing.kind === "exact" ? 3 : pairing.kind === "fuzzy" ? 2 + pairing.score : 1);
    if (candidate && (!best || rank(candidate) > rank(best))) best = candidate;
  });
  return best;
}

type TokenComparison = NameFieldComparison | "no-pairing" | "initials-only";

function compareTokens(directoryTokens: string[], evidenceTokens: string[]): TokenComparison {
  const directoryIsShort = directoryTokens.length <= evidenceTokens.length;
  const [shortTokens, longTokens] = directoryIsShort ? [directoryTokens, evidenceTokens] : [evidenceTokens, directoryTokens];
  const used = new Set<number>();
  const pairings: TokenPairing[] = [];
  for (const token of shortTokens) {
    const pairing = pairToken(token, longTokens, used);
    if (!pairing) return "no-pairing";
    used.add(pairing.longIndex);
    pairings.push(pairing);
  }
  const fullPairings = pairings.filter((pairing) => pairing.kind !== "initial");
  // Initials alone ("J" vs "John") are too weak to confirm an identity; at least one whole name must agree.
  if (fullPairings.length === 0) return "initials-only";
  if (fullPairings.every((pairing) => NAME_PARTICLES.has(pairing.shortToken))) return "no-pairing";

  const score = fullPairings.reduce((sum, pairing) => sum + pairing.score, 0) / fullPairings.length;
  const details: string[] = [];
  const quote = (token: string) => `'${token}'`;
  for (const pairing of pairings.filter((p) => p.kind === "fuzzy")) {
    details.push(`spelling differs, ${quote(pairing.shortToken)} vs ${quote(pairing.longToken)}`);
  }
  for (const pairing of pairings.filter((p) => p.kind === "initial")) {
    details.push(`initial ${quote(pairing.shortToken)} fits ${quote(pairing.longToken)}`);
  }
  const extraTokens = longTokens.filter((_, index) => !used.has(index));
  if (extraTokens.length > 0) {
    details.push(`${directoryIsShort ? "document" : "directory"} also lists ${extraTokens.map(quote).join(", ")}`);
  }
  const longIndices = pairings.map((pairing) => pairing.longIndex);
  if (longIndices.some((index, position) => position > 0 && index < (longIndices[position - 1] ?? 0))) {
    details.push("names are in a different order");
  }
  const usedInitials = pairings.length > fullPairings.length;
  return { matched: true, score, detail: details.join("; "), hasExtraNames: extraTokens.length > 0, usedInitials };
}

function compareForms(directory: string, evidence: string): NameFieldComparison {
  const same = { matched: true, score: 1, hasExtraNames: false, usedInitials: false };
  if (directory === evidence) return { ...same, detail: "" };
  if (directory.replaceAll(" ", "") === evidence.replaceAll(" ", "")) return { ...same, detail: "written with different spacing or hyphens" };
  const tokenComparison = compareTokens(textTokens(directory), textTokens(evidence));
  if (typeof tokenComparison !== "string") return tokenComparison;
  const score = jaroWinklerSimilarity(directory, evidence);
  const detail =
    tokenComparison === "initials-only"
      ? "only initials agree, which does not confirm a name"
      : onlyAddsLettersAtTheEnd(directory, evidence)
        ? `one name only adds letters at the end, which makes a different name (${formatScore(score)})`
        : `different names (${formatScore(score)}, a match needs ${MATCH_THRESHOLDS.name})`;
  return { matched: false, score, detail, hasExtraNames: false, usedInitials: false };
}

/**
 * Compares one name field from the directory with one from a document, tolerating case, diacritics,
 * transliteration (Müller = MUELLER), hyphens/apostrophes, extra middle names or second surnames,
 * reordered names, initials next to a full name, and spelling variants above MATCH_THRESHOLDS.name.
 */
export function compareNameField(directory: string, evidence: string): NameFieldComparison {
  let best: NameFieldComparison | null = null;
  for (const directoryForm of normalisedTextForms(directory)) {
    for (const evidenceForm of normalisedTextForms(evidence)) {
      const comparison = compareForms(directoryForm.text, evidenceForm.text);
      const transliterated = directoryForm.transliterated || evidenceForm.transliterated;
      if (comparison.matched && comparison.detail === "") {
        const steps = neededNormalisations(directory, evidence, transliterated);
        comparison.detail = describeNormalisations(steps, transliterated);
      }
      if (!best || Number(comparison.matched) * 2 + comparison.score > Number(best.matched) * 2 + best.score) best = comparison;
    }
  }
  // normalisedTextForms always yields at least one form, so `best` is set.
  return best ?? { matched: false, score: 0, detail: "no comparable name", hasExtraNames: false, usedInitials: false };
}
