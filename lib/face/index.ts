// The face engine's public surface (server-side only: it loads ML models and decodes images).
export { getFaceEngine, releaseFaceEngine } from "./face-engine";
export { faceSimilarity } from "./face-similarity";
export { DEFAULT_FACE_MATCH_THRESHOLD } from "./match-threshold";
export { assessFaceQuality, PORTRAIT_QUALITY, SELFIE_QUALITY, type FaceQuality, type FaceQualityCode, type FaceQualityLimits, type FaceQualityReason } from "./assess-face-quality";
export type { DetectedFace, FaceAnalysis, FaceBox, FaceEngine, FaceEvidence, FaceExposure, FacePose, PortraitSource } from "./face-analysis";
