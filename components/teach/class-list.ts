/**
 * The reader's classes and their pictures, as cnn-teach holds them on the page: each picture
 * is the 64×64 RGB the network sees (decoded and cut on this device). Adding, naming,
 * removing, the problems that keep it from training (model/teach/teach-classes.ts), and the
 * arrays the trainer takes. No DOM.
 */
import { checkClasses, cleanName, MAX_CLASSES, type ClassProblem } from '../../model/teach/teach-classes';
import { IMAGE_BYTES } from '../../model/train/image-set';

export type PictureOrigin = 'webcam' | 'file' | 'drop' | 'paste' | 'example';

export interface TeachPicture {
  readonly id: number;
  /** 64 × 64 × 3 bytes, HWC. */
  readonly rgb: Uint8Array;
  readonly origin: PictureOrigin;
  /** A file's name, “Webcam 3”, an example's title. */
  readonly name: string;
}

export interface TeachClass {
  readonly id: number;
  name: string;
  pictures: TeachPicture[];
}

/** The most pictures one class holds (each is 12 KB on the page). */
export const MAX_PICTURES_PER_CLASS = 300;

export interface TrainingArrays {
  rgb: Uint8Array;
  labels: Int32Array;
  classNames: string[];
  /** For each picture in the arrays: its class id and picture id, to find it again. */
  refs: { classId: number; pictureId: number }[];
}

export class ClassList {
  classes: TeachClass[] = [];
  /** The class new pictures go to. */
  activeId = 0;
  /** Increases on every change, so views and a trained model can tell they are out of date. */
  version = 0;
  private nextId = 1;

  constructor(names: readonly string[] = ['Class 1', 'Class 2']) {
    for (const name of names) this.add(name);
    this.activeId = this.classes[0]?.id ?? 0;
  }

  get active(): TeachClass | undefined {
    return this.classes.find((c) => c.id === this.activeId) ?? this.classes[0];
  }

  get canAdd(): boolean {
    return this.classes.length < MAX_CLASSES;
  }

  /** Adds a class (named “Class N” unless a name is given) and makes it the active one. */
  add(name?: string): TeachClass | null {
    if (!this.canAdd) return null;
    const taken = new Set(this.classes.map((c) => cleanName(c.name).toLocaleLowerCase()));
    let n = this.classes.length + 1;
    while (!name && taken.has(`class ${n}`)) n++;
    const c: TeachClass = { id: this.nextId++, name: name ?? `Class ${n}`, pictures: [] };
    this.classes.push(c);
    this.activeId = c.id;
    this.version++;
    return c;
  }

  remove(id: number): void {
    const at = this.classes.findIndex((c) => c.id === id);
    if (at < 0) return;
    this.classes.splice(at, 1);
    if (this.activeId === id) this.activeId = this.classes[Math.min(at, this.classes.length - 1)]?.id ?? 0;
    this.version++;
  }

  rename(id: number, name: string): void {
    const c = this.classes.find((k) => k.id === id);
    if (!c || c.name === name) return;
    c.name = name;
    this.version++;
  }

  /** Adds pictures to a class, up to MAX_PICTURES_PER_CLASS; returns how many did not fit. */
  addPictures(id: number, pictures: readonly Omit<TeachPicture, 'id'>[]): number {
    const c = this.classes.find((k) => k.id === id);
    if (!c) return pictures.length;
    const room = Math.max(0, MAX_PICTURES_PER_CLASS - c.pictures.length);
    for (const p of pictures.slice(0, room)) c.pictures.push({ ...p, id: this.nextId++ });
    if (pictures.length) this.version++;
    return Math.max(0, pictures.length - room);
  }

  removePicture(classId: number, pictureId: number): void {
    const c = this.classes.find((k) => k.id === classId);
    const at = c?.pictures.findIndex((p) => p.id === pictureId) ?? -1;
    if (!c || at < 0) return;
    c.pictures.splice(at, 1);
    this.version++;
  }

  clearPictures(classId: number): void {
    const c = this.classes.find((k) => k.id === classId);
    if (!c || c.pictures.length === 0) return;
    c.pictures = [];
    this.version++;
  }

  /** Every reason the classes cannot be trained yet ([] when they can). */
  problems(): ClassProblem[] {
    return checkClasses(this.classes.map((c) => ({ name: c.name, pictures: c.pictures.length })));
  }

  get pictureCount(): number {
    return this.classes.reduce((n, c) => n + c.pictures.length, 0);
  }

  /** The names as the model will carry them, in class order. */
  classNames(): string[] {
    return this.classes.map((c) => cleanName(c.name));
  }

  /** The pictures and labels for the trainer, in class order; the names as the model will carry them. */
  trainingArrays(): TrainingArrays {
    const count = this.pictureCount;
    const rgb = new Uint8Array(count * IMAGE_BYTES);
    const labels = new Int32Array(count);
    const refs: TrainingArrays['refs'] = [];
    let n = 0;
    this.classes.forEach((c, label) => {
      for (const p of c.pictures) {
        rgb.set(p.rgb, n * IMAGE_BYTES);
        labels[n++] = label;
        refs.push({ classId: c.id, pictureId: p.id });
      }
    });
    return { rgb, labels, classNames: this.classNames(), refs };
  }
}
