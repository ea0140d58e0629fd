/**
 * Turns what the reader gives a class (many files, a folder, a drop, a paste, webcam frames,
 * the shipped examples) into the 64 × 64 pictures the network sees. Files are decoded on this
 * page by the picker's decoder (decode-image.ts), which refuses what is not a usable picture
 * in plain words; the worker cuts each to 64 × 64 as the network's own input is made. Never
 * throws: refusals come back as sentences.
 */
import { decodeImageFile, loadImageUrl, type DecodeResult } from '../shared/decode-image';
import { inferenceClient } from '../shared/inference-client';
import type { PictureOrigin, TeachPicture } from './class-list';

/** Pictures are decoded no larger than this (the network takes 64 × 64). */
const DECODE_SIDE = 256;
/** Files decoded at once. */
const AT_ONCE = 3;

export type NewPicture = Omit<TeachPicture, 'id'>;

export interface Intake {
  pictures: NewPicture[];
  /** One sentence per file that was not used. */
  refused: string[];
  /** Files passed over without a word: hidden files of a folder (.DS_Store and the like). */
  skipped: number;
}

/** The 64 × 64 RGB bytes the network sees of a bitmap (the bitmap is handed to the worker). */
export async function networkPixels(bitmap: ImageBitmap): Promise<Uint8Array> {
  const client = await inferenceClient();
  return client.run<Uint8Array>('teach:prepare', { image: bitmap }, { transfer: [bitmap] });
}

async function fromDecoded(result: DecodeResult, origin: PictureOrigin, name: string): Promise<NewPicture | string> {
  if (!result.ok) return result.message;
  try {
    return { rgb: await networkPixels(result.bitmap), origin, name };
  } catch (err) {
    return `“${name}” could not be turned into the network's 64 × 64 input: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Whether a folder entry is a hidden file that nobody meant to give (.DS_Store, ._photo.jpg). */
const isHidden = (file: File) => /(^|\/)\./.test((file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name);

/**
 * Decodes files (from a file dialog, a folder or a drop), a few at a time, in their order.
 * `onEach` hears how many are done, for a progress line.
 */
export async function picturesFromFiles(files: readonly File[], origin: PictureOrigin, onEach?: (done: number, total: number) => void): Promise<Intake> {
  const wanted = files.filter((f) => !isHidden(f));
  const out: (NewPicture | string)[] = new Array(wanted.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      const file = wanted[i];
      out[i] = await fromDecoded(await decodeImageFile(file, file.name, { decodeSide: DECODE_SIDE }), origin, file.name || 'picture');
      onEach?.(++done, wanted.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, wanted.length) }, worker));
  return {
    pictures: out.filter((o): o is NewPicture => typeof o !== 'string'),
    refused: out.filter((o): o is string => typeof o === 'string'),
    skipped: files.length - wanted.length,
  };
}

/** A shipped example picture (by its address), for the class the reader is filling. */
export async function pictureFromAddress(address: string, name: string): Promise<NewPicture | string> {
  return fromDecoded(await loadImageUrl(address, { limits: { decodeSide: DECODE_SIDE } }), 'example', name);
}

/** A webcam frame (already a bitmap). */
export async function pictureFromFrame(bitmap: ImageBitmap, name: string): Promise<NewPicture | string> {
  try {
    return { rgb: await networkPixels(bitmap), origin: 'webcam', name };
  } catch (err) {
    return `A webcam picture could not be used: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** “3 pictures were not added:” and each reason, or nothing. */
export function intakeSummary(intake: Pick<Intake, 'refused'>, overflow = 0, limit = 0): string[] {
  const lines: string[] = [];
  if (intake.refused.length === 1) lines.push(`1 file was not added. ${intake.refused[0]}`);
  else if (intake.refused.length > 1) lines.push(`${intake.refused.length} files were not added.`, ...intake.refused);
  if (overflow > 0) lines.push(`${overflow} more did not fit: a class holds at most ${limit} pictures.`);
  return lines;
}
