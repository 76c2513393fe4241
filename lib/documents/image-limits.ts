// Plain constants (no decoder imports), so the upload form can check a file before sending it.

/** Phone photos are 2-8 MB; anything bigger is not a photo of a card (or needs resizing first). */
export const MAX_IMAGE_BYTES = 12 * 1024 * 1024;

/**
 * Phone cameras take 12-48 MP; a document needs far fewer. Above this an image is refused before it is decoded:
 * a small file can declare a huge canvas (a decompression bomb) and decoding it costs width x height x channels.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
