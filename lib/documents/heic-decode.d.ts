// heic-decode@2 ships no types; this is the part of its API lib/documents/decode-heic.ts uses.
declare module "heic-decode" {
  type DecodedHeic = { width: number; height: number; data: Uint8ClampedArray };
  type HeicImage = { width: number; height: number; decode: () => Promise<DecodedHeic> };
  type HeicImages = HeicImage[] & { dispose: () => void };
  function decode(input: { buffer: Uint8Array }): Promise<DecodedHeic>;
  namespace decode {
    function all(input: { buffer: Uint8Array }): Promise<HeicImages>;
  }
  export default decode;
}
