/**
 * The reader's own classes, checked before training: how many, their names, how many
 * pictures each has. And the pictures each class keeps aside to test the taught model on
 * (held out: never trained on). Pure: no DOM, no TF.js.
 */
import { Prng } from '../train/prng';

export const MIN_CLASSES = 2;
export const MAX_CLASSES = 10;
/** The fewest pictures a class may have: some to learn from, at least one to test on. */
export const MIN_PICTURES = 5;
export const MAX_NAME_LENGTH = 30;
/** The share of each class's pictures kept aside to test on (at least one). */
export const HELD_OUT_SHARE = 0.2;

/** What checkClasses needs to know of a class. */
export interface ClassSummary {
  name: string;
  pictures: number;
}

export interface ClassProblem {
  /** The class it is about (its index); null for the set as a whole. */
  index: number | null;
  /** What to fix: the class's name, its pictures, or the number of classes. */
  field: 'name' | 'pictures' | 'classes';
  /** What is wrong and what to do, in plain words. */
  message: string;
}

/** Letters (any script), digits, spaces, hyphens and underscores: names that travel in a link. */
const NAME_CHARS = /^[\p{L}\p{N} _-]+$/u;

/** A name as the model will carry it: trimmed, inner runs of spaces made one. */
export function cleanName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** How a class is called in a message: its name in quotes, else its place. */
function called(c: ClassSummary, index: number): string {
  const name = cleanName(c.name);
  return name ? `“${name}”` : `Class ${index + 1}`;
}

/** Pictures a class of `count` keeps aside to test on. */
export function heldOutCount(count: number): number {
  return Math.max(1, Math.round(count * HELD_OUT_SHARE));
}

/** Every reason these classes cannot be trained yet; [] when they can. */
export function checkClasses(classes: readonly ClassSummary[]): ClassProblem[] {
  const problems: ClassProblem[] = [];
  if (classes.length < MIN_CLASSES) {
    problems.push({ index: null, field: 'classes', message: `Make at least ${MIN_CLASSES} classes: the network learns by telling classes apart.` });
  }
  if (classes.length > MAX_CLASSES) {
    problems.push({ index: null, field: 'classes', message: `At most ${MAX_CLASSES} classes can be taught; remove ${classes.length - MAX_CLASSES}.` });
  }
  const seen = new Map<string, number>();
  classes.forEach((c, i) => {
    const name = cleanName(c.name);
    if (!name) {
      problems.push({ index: i, field: 'name', message: `Class ${i + 1} has no name. Give it one, such as “mugs” or “thumbs up”.` });
    } else if (name.length > MAX_NAME_LENGTH) {
      problems.push({ index: i, field: 'name', message: `“${name.slice(0, 20)}…” is ${name.length} characters long; a class name may have up to ${MAX_NAME_LENGTH}.` });
    } else if (!NAME_CHARS.test(name)) {
      const odd = [...new Set([...name].filter((ch) => !NAME_CHARS.test(ch)))].join(' ');
      problems.push({ index: i, field: 'name', message: `“${name}” has characters a class name cannot have (${odd}). Use letters, digits, spaces, - and _.` });
    } else {
      const key = name.toLocaleLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else problems.push({ index: i, field: 'name', message: `Classes ${first + 1} and ${i + 1} are both called “${name}”. Each class needs a name of its own.` });
    }
    if (c.pictures < MIN_PICTURES) {
      const need = `each class needs at least ${MIN_PICTURES}: most to learn from, and ${heldOutCount(MIN_PICTURES)} kept aside to test the model`;
      problems.push({
        index: i,
        field: 'pictures',
        message: c.pictures === 0
          ? `${called(c, i)} has no pictures yet; ${need}.`
          : `${called(c, i)} has only ${c.pictures} picture${c.pictures === 1 ? '' : 's'}; ${need}.`,
      });
    }
  });
  return problems;
}

export interface HeldOutSplit {
  /** Indices of the pictures to learn from, ascending. */
  train: number[];
  /** Indices of the pictures kept aside, ascending. */
  heldOut: number[];
}

/**
 * Which pictures each class keeps aside: within a class, its pictures in order are put in a
 * seeded pseudo-random order and the first heldOutCount(n) are held out. Depends only on
 * the labels and the seed.
 */
export function splitHeldOut(labels: ArrayLike<number>, classes: number, seed: number | string = 0): HeldOutSplit {
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let c = 0; c < classes; c++) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) members.push(i);
    new Prng(`teach/held-out/${seed}/${c}`).shuffle(members);
    const k = members.length ? Math.min(members.length - 1, heldOutCount(members.length)) : 0;
    members.forEach((i, n) => (n < k ? heldOut : train).push(i));
  }
  return { train: train.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}
