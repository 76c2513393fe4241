/**
 * `npx tsx lib/cli/measure-pdf417.ts`: how well and how fast decodePdf417 reads licence backs that are tilted,
 * photographed at a slant (keystone) or softened, on a labelled synthetic set. A read counts only when the
 * decoded text is the rendered text byte for byte and parseAamva returns its record; any other decoded text is
 * a misdecode. Prints read rate, misdecodes and p50/p95/max ms (normalising included) per variant group, and
 * the cost of an image without a barcode (what a passport pays before its MRZ is read). A measurement, not a
 * test. MEASURE_VERBOSE=1 lists every miss and slow read; MEASURE_ONLY=<substring> keeps only matching cases.
 */
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { decodePdf417 } from "@/lib/documents/decode-pdf417";
import { normalizeImage } from "@/lib/documents/normalize-image";
import { parseAamva } from "@/lib/documents/parse-aamva";
import { buildAamvaSpecimen } from "@/lib/documents/testing/build-aamva-version-text";
import { blankImage, blurImage, perspectiveImage, phoneJpeg, tiltImage } from "@/lib/documents/testing/degrade-image";
import { renderAamvaBarcode } from "@/lib/documents/testing/render-aamva-barcode";
import { TEST_IDENTITIES } from "@/lib/documents/testing/test-identities";
import { buildAamvaText } from "@/lib/documents/testing/build-aamva-text";
import { percentile } from "@/lib/documents/testing/bench/tally-bench";

interface Case {
  group: string;
  label: string;
  text: string;
  image: () => Promise<Buffer>;
}

const verbose = process.env.MEASURE_VERBOSE === "1";
const only = process.env.MEASURE_ONLY;
/** Reads slower than this are listed with the misses (verbose): a quarter of the 2 s target. */
const SLOW_MS = 500;

/** The far edge on the left instead of the right: the same slant seen from the other side. */
async function perspectiveFromLeft(png: Buffer, share: number, degrees: number): Promise<Buffer> {
  const turned = await sharp(png).rotate(180).png().toBuffer();
  const slanted = await perspectiveImage(turned, share, 0);
  return sharp(slanted).rotate(180 + degrees, { background: "#d8d4cc" }).jpeg({ quality: 80 }).toBuffer();
}

/** Keystone across the bars: the top (share > 0) or bottom edge further away, so the bars converge. */
async function perspectiveAcrossBars(png: Buffer, share: number, degrees: number): Promise<Buffer> {
  const turned = await sharp(png).rotate(share > 0 ? 90 : -90).png().toBuffer();
  const slanted = await perspectiveImage(turned, Math.abs(share), 0);
  return sharp(slanted).rotate((share > 0 ? -90 : 90) + degrees, { background: "#d8d4cc" }).jpeg({ quality: 80 }).toBuffer();
}

function buildTexts(): string[] {
  const texts = [buildAamvaText(TEST_IDENTITIES.valid)];
  for (const country of ["USA", "CAN"] as const) {
    for (let version = 1; version <= 10; version++) texts.push(buildAamvaSpecimen({ version, country }));
  }
  // Only texts the parser reads clean: a parser failure is not the image reader's.
  return texts.filter((text) => parseAamva(text) !== null);
}

function buildCases(texts: string[], pngs: Map<string, Buffer>): Case[] {
  const cases: Case[] = [];
  let next = 0;
  const pick = () => texts[next++ % texts.length]!;
  const add = (group: string, label: string, make: (png: Buffer) => Promise<Buffer>) => {
    const text = pick();
    cases.push({ group, label, text, image: () => make(pngs.get(text)!) });
  };
  for (let degrees = -15; degrees <= 15; degrees++) {
    const size = Math.abs(degrees);
    add(size <= 5 ? "tilt 0-5" : size <= 10 ? "tilt 6-10" : "tilt 11-15", `tilt ${degrees}`, (png) => tiltImage(png, degrees));
  }
  for (const share of [0.05, 0.1, 0.15]) {
    for (let degrees = -10; degrees <= 10; degrees++) {
      add(`perspective ${share}`, `perspective ${share} tilt ${degrees}`, (png) => perspectiveImage(png, share, degrees));
    }
  }
  for (const share of [0.05, 0.1, 0.15, -0.1]) {
    for (const degrees of [-15, -10, -5, 0, 5, 10, 15]) {
      add(`keystone across bars ${share}`, `keystone ${share} tilt ${degrees}`, (png) => perspectiveAcrossBars(png, share, degrees));
    }
  }
  for (const degrees of [-15, -14, -13, -12, -11, 11, 12, 13, 14, 15]) add("tilt 11-15 (second text)", `tilt ${degrees} b`, (png) => tiltImage(png, degrees));
  for (const degrees of [-12, -6, 0, 6, 12]) add("perspective 0.12 from left", `perspective-left 0.12 tilt ${degrees}`, (png) => perspectiveFromLeft(png, 0.12, degrees));
  for (const degrees of [-15, -9, -3, 3, 9, 15]) {
    add("jpeg/blur + tilt", `jpeg q55 1000px tilt ${degrees}`, async (png) => phoneJpeg(await tiltImage(png, degrees), 1000, 55));
    add("jpeg/blur + tilt", `blur 1.6 tilt ${degrees}`, async (png) => blurImage(await tiltImage(png, degrees), 1.6));
  }
  for (const degrees of [-8, 8]) {
    add("jpeg/blur + perspective", `perspective 0.12 tilt ${degrees} jpeg q55 1000px`, async (png) => phoneJpeg(await perspectiveImage(png, 0.12, degrees), 1000, 55));
  }
  return only ? cases.filter((item) => item.label.includes(only)) : cases;
}

interface GroupTally {
  n: number;
  read: number;
  misdecoded: number;
  ms: number[];
}

const texts = buildTexts();
const pngs = new Map<string, Buffer>();
for (const text of texts) pngs.set(text, await renderAamvaBarcode(TEST_IDENTITIES.valid, { text }));
const cases = buildCases(texts, pngs);

// Warm the wasm up once so the first case is not the cold start.
await decodePdf417(await normalizeImage(pngs.get(texts[0]!)!));

const groups = new Map<string, GroupTally>();
const all: number[] = [];
const misses: string[] = [];
for (const item of cases) {
  const image = await item.image();
  const started = performance.now();
  const decoded = await decodePdf417(await normalizeImage(image));
  const ms = performance.now() - started;
  const tally = groups.get(item.group) ?? { n: 0, read: 0, misdecoded: 0, ms: [] };
  groups.set(item.group, tally);
  tally.n++;
  tally.ms.push(ms);
  all.push(ms);
  const right = decoded.pdf417.includes(item.text) && parseAamva(item.text) !== null;
  const wrong = decoded.pdf417.some((text) => text !== item.text);
  if (right) tally.read++;
  if (wrong) tally.misdecoded++;
  if (verbose && (!right || wrong || ms > SLOW_MS)) misses.push(`${item.label}: ${wrong ? "MISDECODED" : right ? "slow" : "not read"} (${ms.toFixed(0)} ms)`);
}

const blankTimes: number[] = [];
for (let repeat = 0; repeat < 3; repeat++) {
  const blank = await normalizeImage(await blankImage(1600, 1200));
  const started = performance.now();
  await decodePdf417(blank);
  blankTimes.push(performance.now() - started);
}

const rows = [["group", "n", "read", "misdecoded", "p50 ms", "p95 ms", "max ms"]];
let n = 0;
let read = 0;
let misdecoded = 0;
for (const [group, tally] of groups) {
  n += tally.n;
  read += tally.read;
  misdecoded += tally.misdecoded;
  rows.push([group, String(tally.n), `${tally.read} (${((100 * tally.read) / tally.n).toFixed(0)}%)`, String(tally.misdecoded), ...[0.5, 0.95, 1].map((p) => percentile(tally.ms, p).toFixed(0))]);
}
rows.push(["all", String(n), `${read} (${((100 * read) / n).toFixed(1)}%)`, String(misdecoded), ...[0.5, 0.95, 1].map((p) => percentile(all, p).toFixed(0))]);
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
process.stdout.write(`${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ")).join("\n")}\n`);
process.stdout.write(`no barcode (blank 1600x1200): ${blankTimes.map((ms) => ms.toFixed(0)).join(", ")} ms\n`);
if (misses.length > 0) process.stdout.write(`\n${misses.join("\n")}\n`);
