// opentype.js 2 ships no types; this is the part of its API lib/documents/mrz-reader/ocr-b-templates.ts uses.
declare module "opentype.js" {
  interface BoundingBox { x1: number; y1: number; x2: number; y2: number }
  interface Path { toPathData(decimalPlaces?: number): string; getBoundingBox(): BoundingBox }
  interface Glyph { advanceWidth: number; getPath(x: number, y: number, fontSize: number): Path; getBoundingBox(): BoundingBox }
  interface Font { unitsPerEm: number; charToGlyph(character: string): Glyph }
  const opentype: { parse(buffer: ArrayBuffer): Font };
  export default opentype;
}
