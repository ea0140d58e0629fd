/**
 * The name of a model with a variant: the model's URL, and after `#` what differs. Pure (no
 * TF.js), so a page can key its figures without loading TF.js (model-variants.ts applies them).
 */
export type ModelVariant =
  | { edits: string }
  /** A training checkpoint: a file in `checkpoints/` beside model.json (its index.json describes the tensors). */
  | { checkpoint: string };

/**
 * The name of a model with a variant: the model's URL, and after `#` what differs. Figures
 * pass it where they would pass the URL (the fragment never reaches the server).
 */
export function variantKey(modelUrl: string, variant?: ModelVariant | null): string {
  const base = modelUrl.replace(/#.*$/, '');
  if (!variant) return base;
  if ('edits' in variant) return variant.edits ? `${base}#edits=${variant.edits}` : base;
  return `${base}#checkpoint=${encodeURIComponent(variant.checkpoint)}`;
}

/** The inverse of variantKey. */
export function parseVariantKey(key: string): { url: string; variant: ModelVariant | null } {
  const at = key.indexOf('#');
  if (at < 0) return { url: key, variant: null };
  const url = key.slice(0, at);
  const fragment = key.slice(at + 1);
  if (fragment.startsWith('edits=')) return { url, variant: { edits: fragment.slice(6) } };
  if (fragment.startsWith('checkpoint=')) return { url, variant: { checkpoint: decodeURIComponent(fragment.slice(11)) } };
  return { url, variant: null };
}

