/**
 * Whether the text OCR read on a card's front shows the same card as the data read from its back (the licence
 * barcode, an ID card's MRZ): the document number, the birth date and the surname, each looked for the way a
 * front prints it. Pure: the OCR is done by the caller.
 */

export type FrontExpectation = {
  documentNumber: string;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  surname: string;
};

export type FrontTextMatch = {
  documentNumber: boolean;
  dateOfBirth: boolean;
  surname: boolean;
  /** The front belongs to the read card: its number, and its birth date or surname, are printed on it. */
  sameDocument: boolean;
};

// Characters OCR confuses on printed cards, folded to one representative on both sides of every comparison, so
// "DL 0O1" and "DL001" compare equal. Folding never makes two different printed strings differ.
const CONFUSABLE: Record<string, string> = { O: "0", Q: "0", D: "0", I: "1", L: "1", J: "1", T: "1", S: "5", B: "8", Z: "2", G: "6", A: "4" };

/** Symbols tesseract puts where a letter stood ("L898902¢3"), read back as that letter before they are dropped. */
const SYMBOL_LETTERS: Record<string, string> = { "¢": "C", "©": "C", "€": "E", "£": "E", "§": "S", $: "S", "|": "I", "!": "I", "®": "R", "°": "O" };

/** Upper case, accents dropped, only letters and digits (fronts space and hyphenate numbers: "123 456 789"). */
function compact(text: string): string {
  return text
    .replace(/[¢©€£§$|!®°]/g, (symbol) => SYMBOL_LETTERS[symbol] ?? symbol)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
}

function fold(text: string): string {
  return [...compact(text)].map((char) => CONFUSABLE[char] ?? char).join("");
}

/** Whether a and b are equal but for at most one substituted, missing or extra character. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Whether `needle` occurs in `haystack`, exactly or (with `tolerant`) but for one misread, lost or extra character. */
function occursWithin(haystack: string, needle: string, tolerant: boolean): boolean {
  if (needle.length === 0) return false;
  if (haystack.includes(needle)) return true;
  if (!tolerant) return false;
  for (let start = 0; start + needle.length - 1 <= haystack.length; start++) {
    for (const length of [needle.length - 1, needle.length, needle.length + 1]) {
      if (start + length <= haystack.length && withinOneEdit(haystack.slice(start, start + length), needle)) return true;
    }
  }
  return false;
}

/** One misread character is forgiven in a long value; a short one must read exactly (it could occur by chance). */
function tolerantFor(value: string): boolean {
  return value.length >= 8;
}

/** Month abbreviations as fronts print them, English and French (bilingual Canadian cards: "31 AOUT/AUG 1977"). */
const MONTHS = [["JAN"], ["FEB", "FEV"], ["MAR"], ["APR", "AVR"], ["MAY", "MAI"], ["JUN", "JUIN"], ["JUL", "JUIL"], ["AUG", "AOU"], ["SEP"], ["OCT"], ["NOV"], ["DEC"]];

/** Numeric ways fronts print a birth date, separators dropped: US MM/DD/YYYY, DD.MM.YYYY, YYYY-MM-DD, two-digit years. */
function numericBirthDates(year: string, month: string, day: string): string[] {
  const shortYear = year.slice(2);
  return [`${month}${day}${year}`, `${day}${month}${year}`, `${year}${month}${day}`, `${month}${day}${shortYear}`, `${day}${month}${shortYear}`];
}

/** "31 AUG 1977", "AUG 31, 1977", "31 AOUT/AUG 1977": day, a month name (a few letters of another language around it), year. */
function namedMonthDate(compactText: string, year: string, month: string, day: string): boolean {
  const names = (MONTHS[Number(month) - 1] ?? []).join("|");
  if (!names) return false;
  const days = `(?:${day}|${String(Number(day))})`;
  const monthName = `[A-Z]{0,6}(?:${names})[A-Z]{0,6}`;
  return new RegExp(`${days}${monthName}(?:${year}|${year.slice(2)})|${monthName}${days}${year}`).test(compactText);
}

function birthDateFound(ocrText: string, foldedText: string, isoDate: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return false;
  const [, year = "", month = "", day = ""] = match;
  return numericBirthDates(year, month, day).some((rendering) => foldedText.includes(fold(rendering))) || namedMonthDate(compact(ocrText), year, month, day);
}

export function matchFrontText(ocrText: string, expected: FrontExpectation): FrontTextMatch {
  const text = fold(ocrText);
  const number = fold(expected.documentNumber);
  const surname = fold(expected.surname);
  // A number of fewer than five characters is too common to tie a front to a card.
  const documentNumber = number.length >= 5 && occursWithin(text, number, tolerantFor(number));
  const dateOfBirth = expected.dateOfBirth !== null && birthDateFound(ocrText, text, expected.dateOfBirth);
  // Surnames of one or two letters occur by chance in any text: they never count on their own.
  const surnameFound = surname.length >= 3 && occursWithin(text, surname, tolerantFor(surname));
  return { documentNumber, dateOfBirth, surname: surnameFound, sameDocument: documentNumber && (dateOfBirth || surnameFound) };
}
