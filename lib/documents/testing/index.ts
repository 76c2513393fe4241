export { buildAamvaText, type BuildAamvaTextOptions } from "./build-aamva-text";
export { buildMrz, toMrzText, type BuildMrzOptions, type MrzFormat } from "./build-mrz";
export { renderAamvaBarcode } from "./render-aamva-barcode";
export { renderMrzImage, MRZ_FONT_FAMILY, type RenderMrzImageOptions } from "./render-mrz-image";
export { TEST_IDENTITIES, type TestIdentity } from "./test-identities";
export { withChromiumPage } from "./with-chromium-page";
export { addGlare, blankImage, blurImage, cropImage, cropImageBottom, lowLightImage, perspectiveImage, phoneJpeg, shrinkImage, tiltImage } from "./degrade-image";
export { buildPngBomb } from "./build-png-bomb";
