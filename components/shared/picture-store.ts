/**
 * The reader's picture, one per page, beside the network store: the last picture the reader
 * chose in any figure's picker (an example, an upload, a drop, a paste, an address or a
 * webcam snapshot). Every figure on the page shows the newest choice, whichever came last:
 * the reader's pick here, or its own `image` attribute being set (see ImageSourceController).
 * No figure writes its own attribute to carry the picture.
 */

/** What a picker reports (the `cnn-image` event's detail). */
export interface PictureChoice {
  source: string;
  /** The example's id, when the reader chose an example. */
  id?: string;
  /** The picture's address, when the reader gave one. */
  address?: string;
  /** False when the page, not the reader, chose it (a picker showing its `selected` example). */
  byReader?: boolean;
  bitmap: ImageBitmap;
  label: string;
}

export interface ReaderPicture {
  /** Names the picture's run in the network store (an example shares the run of `image="id"`). */
  readonly key: string;
  /** What the reader sees it called. */
  readonly label: string;
  /** The example's id, when it is one; '' otherwise. */
  readonly exampleId: string;
  /**
   * How the picture can travel in a link: an example id or an `http:`/`https:` address; null
   * for a file, a drop, a paste or a webcam snapshot, which exist only on this page.
   */
  readonly shareable: string | null;
  /** When it was chosen, on the page's choice counter (see nextChoiceSerial). */
  readonly serial: number;
  readonly bitmap: ImageBitmap;
}

/**
 * What a link says in place of a picture that cannot travel (a file, a drop, a paste, a
 * webcam snapshot): `image=own`. A figure opened with it says so, over its fallback picture.
 */
export const OWN_PICTURE = 'own';

let serials = 0;

/** A number larger than every earlier choice's on this page: the reader's picks and attribute changes share it. */
export function nextChoiceSerial(): number {
  return ++serials;
}

/** How a picture can travel in a link, or null when it cannot (see ReaderPicture.shareable). */
export function shareableOf(choice: Pick<PictureChoice, 'source' | 'id' | 'address'>): string | null {
  if (choice.source === 'example' && choice.id) return choice.id;
  if (choice.address && /^https?:\/\//i.test(choice.address)) return choice.address;
  return null;
}

export class PictureStore {
  current: ReaderPicture | null = null;

  private readonly listeners = new Set<(picture: ReaderPicture) => void>();
  private uploads = 0;

  /** Takes the reader's new picture and tells every listener (the figures, the page). */
  choose(choice: PictureChoice): ReaderPicture {
    const exampleId = choice.source === 'example' && choice.id ? choice.id : '';
    const picture: ReaderPicture = {
      key: exampleId ? `example:${exampleId}` : `${choice.source}:${++this.uploads}`,
      label: choice.label,
      exampleId,
      shareable: shareableOf(choice),
      serial: nextChoiceSerial(),
      bitmap: choice.bitmap,
    };
    this.current = picture;
    for (const listener of [...this.listeners]) listener(picture);
    return picture;
  }

  /** Calls `listener` with every new picture; returns the unsubscribe function. */
  subscribe(listener: (picture: ReaderPicture) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The page's store (one per copy of the module, like the network store). */
export const pictureStore = new PictureStore();
