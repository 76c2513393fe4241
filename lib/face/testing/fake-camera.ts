/**
 * Chromium flags that make a y4m file (writeY4m) the camera every getUserMedia call gets, without a permission
 * prompt. Chromium loops the file at the frame rate in its header. The page must be a secure context
 * (https or http://localhost), or navigator.mediaDevices is undefined.
 */
export function fakeCameraArgs(y4mFile: string): string[] {
  return ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", `--use-file-for-fake-video-capture=${y4mFile}`];
}
