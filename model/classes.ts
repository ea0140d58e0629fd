/**
 * The ten Tiny VGG classes, in output order (the order CNN Explainer used), with the
 * Tiny ImageNet WordNet id of each. Pure data: safe in the browser and in Node.
 */
export const CLASS_NAMES = [
  'lifeboat',
  'ladybug',
  'pizza',
  'bell pepper',
  'school bus',
  'koala',
  'espresso',
  'red panda',
  'orange',
  'sports car',
] as const;

export type ClassName = (typeof CLASS_NAMES)[number];

/** WordNet id → output index. */
export const WNID_TO_INDEX: Readonly<Record<string, number>> = {
  n03662601: 0, // lifeboat
  n02165456: 1, // ladybug
  n07873807: 2, // pizza
  n07720875: 3, // bell pepper
  n04146614: 4, // school bus
  n01882714: 5, // koala
  n07920052: 6, // espresso
  n02509815: 7, // red panda
  n07747607: 8, // orange
  n04285008: 9, // sports car
};
