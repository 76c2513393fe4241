/**
 * `npm run bench:front`: the card-front binding (lib/documents/front) on rendered licence and ID-card fronts of the
 * synthetic holders (hyphens, apostrophes, long names, numbers full of 0/O and 1/I). Each front is read as the
 * holder's (it must bind to the card read from the other side) in several photo variants, and its clean photo is
 * also read against the next holder's card (it must not bind). Prints the bound rate per layout and variant, which
 * value was missed, false bindings, seconds per read (p50, p95, max) and the first-read cold start.
 * BENCH_SET=full reads every holder (small: every third). A measurement, not a test: it asserts nothing.
 */
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { z } from "zod";
import { readDocumentFront } from "@/lib/documents/front/read-document-front";
import { terminateFrontText, warmUpFrontText } from "@/lib/documents/front/recognize-front-text";
import { syntheticPeople } from "@/lib/documents/testing/bench/synthetic-people";
import { sensorNoiseImage } from "@/lib/documents/testing/degrade-image-photo";
import { renderCardFront } from "@/lib/documents/testing/render-card-front";
import { withChromiumPage } from "@/lib/documents/testing/with-chromium-page";
import type { TestIdentity } from "@/lib/documents/testing/test-identities";
import { cropPortrait } from "@/lib/face/testing/crop-portrait";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";

const size = z.enum(["small", "full"]).parse(process.env.BENCH_SET ?? "small");
const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

type Layout = "US_LICENCE" | "EU_ID_CARD";
type Variant = { name: string; make: (png: Buffer) => Promise<Buffer> };

/** A photo of a card on a table: grey surround, turned by `degrees`, as a phone JPEG. */
const turned = (degrees: number) => (png: Buffer) => sharp(png).rotate(degrees, { background: "#8a8f98" }).jpeg({ quality: 85 }).toBuffer();

const VARIANTS: Variant[] = [
  { name: "clean", make: async (png) => png },
  { name: "tilted 4°", make: turned(4) },
  { name: "tilted -8°", make: turned(-8) },
  { name: "sideways 90°", make: turned(90) },
  { name: "upside down", make: turned(180) },
  { name: "phone noise", make: (png) => sensorNoiseImage(png, 50) },
];

function expectationOf(person: TestIdentity) {
  return { documentNumber: person.documentNumber, dateOfBirth: person.dateOfBirth, surname: person.surname };
}

function quantile(sorted: number[], q: number): string {
  return ((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) / 1000).toFixed(2);
}

async function main(): Promise<void> {
  const started = performance.now();
  const everyone = syntheticPeople(13).map((person) => person.identity);
  const people = size === "full" ? everyone : everyone.filter((_, index) => index % 3 === 0);
  const portrait = await cropPortrait(await readFaceSetImage("fr-obama-1.jpg"));
  const fronts = await withChromiumPage(async (page) => {
    const rendered: { person: TestIdentity; layout: Layout; png: Buffer }[] = [];
    for (const [index, person] of people.entries()) {
      const layout: Layout = index % 2 === 0 ? "US_LICENCE" : "EU_ID_CARD";
      rendered.push({ person, layout, png: await renderCardFront(person, { page, portrait, layout }) });
    }
    return rendered;
  });

  const cold = performance.now();
  await warmUpFrontText();
  print(`bench:front — BENCH_SET=${size}, ${fronts.length} fronts × ${VARIANTS.length} variants; OCR worker start ${((performance.now() - cold) / 1000).toFixed(2)} s`);

  const times: number[] = [];
  const tally = new Map<string, { bound: number; total: number; missed: Record<string, number> }>();
  const timed = async (image: Buffer, person: TestIdentity) => {
    const at = performance.now();
    const result = await readDocumentFront(image, expectationOf(person));
    times.push(performance.now() - at);
    return result;
  };
  for (const front of fronts) {
    for (const variant of VARIANTS) {
      const result = await timed(await variant.make(front.png), front.person);
      const key = `${front.layout.padEnd(10)} ${variant.name}`;
      const row = tally.get(key) ?? { bound: 0, total: 0, missed: {} };
      row.total += 1;
      if (result.match.sameDocument) row.bound += 1;
      for (const field of ["documentNumber", "dateOfBirth", "surname"] as const) if (!result.match[field]) row.missed[field] = (row.missed[field] ?? 0) + 1;
      tally.set(key, row);
    }
  }
  let falseBindings = 0;
  for (const [index, front] of fronts.entries()) {
    const other = fronts[(index + 1) % fronts.length]!.person;
    if ((await timed(front.png, other)).match.sameDocument) falseBindings += 1;
  }

  print("\nlayout     variant        bound   missed (number / birth date / surname)");
  let bound = 0;
  let total = 0;
  for (const [key, row] of [...tally.entries()].sort()) {
    bound += row.bound;
    total += row.total;
    print(`${key.padEnd(26)} ${`${row.bound}/${row.total}`.padEnd(7)} ${row.missed.documentNumber ?? 0} / ${row.missed.dateOfBirth ?? 0} / ${row.missed.surname ?? 0}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  print(`\ngenuine fronts bound: ${bound}/${total} (${((100 * bound) / total).toFixed(1)}%)`);
  print(`another card's front bound: ${falseBindings}/${fronts.length} (must be 0)`);
  print(`seconds per read: p50 ${quantile(sorted, 0.5)}, p95 ${quantile(sorted, 0.95)}, max ${quantile(sorted, 1)} (a refusal tries all four orientations)`);
  print(`${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  await terminateFrontText();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
