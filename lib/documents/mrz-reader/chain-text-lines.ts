import type { Component } from "./find-dark-components";

/** A run of glyph-sized components side by side: a line of text, possibly tilted. */
export interface TextLine {
  components: Component[];
  /** Unit vector along the line, pointing right. */
  ux: number;
  uy: number;
  /** Median distance between neighbouring glyph centres. */
  pitch: number;
  medianHeight: number;
}

/** Glyph-sized: not a speck, not a photo or a frame, not a long rule. */
function glyphLike(component: Component, maxHeight: number): boolean {
  const fill = component.pixels / (component.width * component.height);
  return component.height >= 7 && component.height <= maxHeight && component.width <= 1.6 * component.height && component.pixels >= 15 && fill >= 0.06 && fill <= 0.95;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The right-hand neighbour of each glyph: the nearest one of similar height whose centre is to the right
 * and within about 24° of horizontal. MRZ text has no spaces, so its glyphs chain from end to end.
 */
function linkNeighbours(glyphs: Component[]): Map<Component, Component> {
  const byX = [...glyphs].sort((a, b) => a.cx - b.cx);
  const right = new Map<Component, { next: Component; distance: number }>();
  for (let index = 0; index < byX.length; index++) {
    const a = byX[index]!;
    let best: { next: Component; distance: number } | null = null;
    for (let other = index + 1; other < byX.length; other++) {
      const b = byX[other]!;
      const dx = b.cx - a.cx;
      const tall = Math.max(a.height, b.height);
      if (dx > 2 * tall) break;
      const dy = Math.abs(b.cy - a.cy);
      if (dx < 0.3 * Math.min(a.height, b.height) || dy > 0.45 * dx + 0.15 * tall) continue;
      if (tall / Math.min(a.height, b.height) > 1.6) continue;
      const distance = Math.hypot(dx, dy);
      if (!best || distance < best.distance) best = { next: b, distance };
    }
    if (best) right.set(a, best);
  }
  // Two glyphs may pick the same neighbour; the nearer one keeps it.
  const left = new Map<Component, { from: Component; distance: number }>();
  for (const [from, { next, distance }] of right) {
    const current = left.get(next);
    if (!current || distance < current.distance) left.set(next, { from, distance });
  }
  const links = new Map<Component, Component>();
  for (const [next, { from }] of left) links.set(from, next);
  return links;
}

function describeLine(components: Component[]): TextLine {
  const n = components.length;
  const mx = components.reduce((sum, c) => sum + c.cx, 0) / n, my = components.reduce((sum, c) => sum + c.cy, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (const c of components) {
    sxx += (c.cx - mx) ** 2;
    sxy += (c.cx - mx) * (c.cy - my);
    syy += (c.cy - my) ** 2;
  }
  // Principal axis of the centres: the direction the line runs.
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  let ux = Math.cos(angle), uy = Math.sin(angle);
  if (ux < 0) [ux, uy] = [-ux, -uy];
  const spacings = components.slice(1).map((c, index) => (c.cx - components[index]!.cx) * ux + (c.cy - components[index]!.cy) * uy);
  return { components, ux, uy, pitch: median(spacings), medianHeight: median(components.map((c) => c.height)) };
}

/** Fragments of one line split by a smudge or a reflection: same direction, height and pitch, and in line. */
function continues(a: TextLine, b: TextLine): boolean {
  const last = a.components[a.components.length - 1]!, first = b.components[0]!;
  const along = (first.cx - last.cx) * a.ux + (first.cy - last.cy) * a.uy;
  const across = Math.abs(-(first.cx - last.cx) * a.uy + (first.cy - last.cy) * a.ux);
  const sameShape = Math.abs(a.ux * b.uy - a.uy * b.ux) < 0.07 && Math.abs(a.pitch / b.pitch - 1) < 0.2 && Math.abs(a.medianHeight / b.medianHeight - 1) < 0.25;
  return sameShape && along > 0.5 * a.pitch && along < 8 * a.pitch && across < 0.5 * a.medianHeight;
}

/** Lines of at least `minGlyphs` glyphs, longest first. */
export function chainTextLines(components: Component[], imageHeight: number, minGlyphs = 12): TextLine[] {
  const glyphs = components.filter((component) => glyphLike(component, imageHeight / 5));
  const links = linkNeighbours(glyphs);
  const hasLeft = new Set(links.values());
  const chains: Component[][] = [];
  for (const start of glyphs) {
    if (hasLeft.has(start) || !links.has(start)) continue;
    const chain = [start];
    for (let next = links.get(start); next; next = links.get(next)) chain.push(next);
    // Short runs are kept for now: a stamp or a reflection can split an MRZ line into pieces rejoined below.
    if (chain.length >= 3) chains.push(chain);
  }
  let lines = chains.map(describeLine).sort((a, b) => a.components[0]!.cx - b.components[0]!.cx);
  for (let merged = true; merged; ) {
    merged = false;
    for (const a of lines) {
      const b = lines.find((other) => other !== a && continues(a, other));
      if (!b) continue;
      lines = lines.filter((line) => line !== a && line !== b).concat(describeLine([...a.components, ...b.components]));
      merged = true;
      break;
    }
  }
  return lines.filter((line) => line.components.length >= minGlyphs).sort((a, b) => b.components.length - a.components.length);
}
