/**
 * Research for the active challenge (issue 14), not a test: what the engine reports when a still photo is
 * moved the ways an attacker can move a print or a screen: mirrored, turned in space about its vertical axis
 * (the only way a flat picture can imitate "turn left/right"), tilted about its horizontal axis ("look up/down"),
 * rotated in the image plane ("tilt your head"), squeezed, and shown smaller ("come closer" in reverse).
 * `npx tsx lib/cli/measure-face-challenge.ts`. Prints yaw/pitch/roll, face width share, similarity to the
 * untouched photo and the presentation-attack scores for each.
 */
import sharp from "sharp";
import { getFaceEngine, releaseFaceEngine } from "@/lib/face/face-engine";
import { faceSimilarity } from "@/lib/face/face-similarity";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { turnPhoto } from "@/lib/face/testing/warp-perspective";
import type { RgbFrame } from "@/lib/face/testing/write-y4m";

const FRONTAL = ["fr-obama-1.jpg", "fr-biden-2.jpg", "fr-alex-lacamoire-3.jpg", "fr-rose-leslie-2.jpg", "fr-lin-manuel-miranda-1.jpg"];

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function toFrame(image: Buffer): Promise<RgbFrame> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

const toPng = (frame: RgbFrame): Promise<Buffer> => sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } }).png().toBuffer();

async function variants(image: Buffer): Promise<[string, Buffer][]> {
  const frame = await toFrame(image);
  const out: [string, Buffer][] = [["original", image], ["mirrored", await sharp(image).flop().png().toBuffer()]];
  for (const degrees of [-60, -45, -30, -15, 15, 30, 45, 60]) out.push([`print turned ${degrees} deg (vertical axis)`, await toPng(turnPhoto(frame, degrees))]);
  for (const degrees of [-40, -20, 20, 40]) out.push([`print tilted ${degrees} deg (horizontal axis)`, await toPng(turnPhoto(frame, degrees, "horizontal"))]);
  for (const squeeze of [0.8, 0.6]) {
    out.push([`squeezed to ${squeeze} width`, await sharp(image).resize({ width: Math.round(frame.width * squeeze), height: frame.height, fit: "fill" }).png().toBuffer()]);
  }
  for (const degrees of [-20, 20]) out.push([`rotated ${degrees} deg in plane`, await sharp(image).rotate(degrees, { background: "#000" }).png().toBuffer()]);
  const half = await sharp(image).resize({ width: Math.round(frame.width / 2) }).png().toBuffer();
  out.push(["half size on the same canvas", await sharp({ create: { width: frame.width, height: frame.height, channels: 3, background: "#808080" } }).composite([{ input: half, gravity: "centre" }]).png().toBuffer()]);
  return out;
}

async function main(): Promise<void> {
  const engine = await getFaceEngine();
  for (const file of FRONTAL) {
    const image = await readFaceSetImage(file);
    print(`\n${file}`);
    let reference: number[] = [];
    for (const [name, variant] of await variants(image)) {
      const analysis = await engine.analyze(variant);
      const face = analysis.faces[0];
      if (face == null) {
        print(`  ${name.padEnd(38)} no face`);
        continue;
      }
      if (name === "original") reference = face.descriptor;
      const { yawDegrees, pitchDegrees, rollDegrees } = face.pose;
      const fmt = (value: number): string => value.toFixed(1).padStart(6);
      print(
        `  ${name.padEnd(38)} yaw ${fmt(yawDegrees)} pitch ${fmt(pitchDegrees)} roll ${fmt(rollDegrees)}  width ${face.box.width.toFixed(2)}` +
          `  similarity ${faceSimilarity(reference, face.descriptor).toFixed(2)}  antispoof ${face.antispoofScore.toFixed(2)} liveness ${face.livenessScore.toFixed(2)}`,
      );
    }
  }
  await releaseFaceEngine();
}

await main();
