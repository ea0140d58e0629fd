/** Opening a camera, grabbing one frame from it and turning its failures into plain sentences. */

export type WebcamResult = { ok: true; stream: MediaStream } | { ok: false; message: string };

/** Whether this browser offers a camera API at all (it does not on plain-http pages). */
export function canUseWebcam(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** Asks for the camera (video only). Never throws. */
export async function openWebcam(): Promise<WebcamResult> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
    return { ok: true, stream };
  } catch (err) {
    return { ok: false, message: webcamMessage(err) };
  }
}

/** A reader-facing sentence for a getUserMedia failure. */
export function webcamMessage(err: unknown): string {
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The browser did not allow this page to use the camera. To take a picture, allow camera access for this page (usually from the address bar), or choose another picture.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device. Choose an example or upload a picture instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started; another app may be using it. Close that app and try again.';
    default:
      return 'The camera could not be started. Choose an example or upload a picture instead.';
  }
}

/** Stops every track, which turns the camera (and its light) off. */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The video's current frame as a bitmap, with its longest side at most `maxSide`. */
export async function captureFrame(video: HTMLVideoElement, maxSide = 1024): Promise<ImageBitmap | null> {
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return null;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  if (scale === 1) return createImageBitmap(video);
  return createImageBitmap(video, { resizeWidth: Math.round(w * scale), resizeHeight: Math.round(h * scale), resizeQuality: 'high' });
}
