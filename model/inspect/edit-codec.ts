/**
 * Edits as text for a link: compact, versioned, and made only of characters that both
 * encodeURIComponent and URLSearchParams leave alone (A–Z a–z 0–9 - _ . *), so the figure's
 * address carries them unescaped. Format 1:
 *
 *   edits  = "1" *( "*" item )                    "1" alone: no edits
 *   item   = "k." layer "." out "." in 1*( "." w )   kernel edit; w = weight in thousandths
 *                                                   (an integer, e.g. -250 for −0.25),
 *                                                   or "x" to keep the trained weight
 *          / "a." layer 1*( "." channel )         channels of one layer switched off
 *   layer  = a name matching [A-Za-z][A-Za-z0-9_-]*, or "-" + the name in base64url (UTF-8)
 *
 * e.g. `1*k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x*a.conv_2_1.4.7`: in conv_1_1 the centre weight
 * from input channel 0 to output channel 3 becomes 1.5, and channels 4 and 7 of conv_2_1 are
 * off. encodeEdits writes the normalised edits (edits.ts), so equal edits give equal text.
 */
import { MAX_WEIGHT, normaliseEdits, checkEdits, type ChannelRef, type EditableModel, type Edits, type KernelEdit } from './edit-model';

export const EDITS_FORMAT = 1;

export type ParsedEdits = { ok: true; edits: Edits } | { ok: false; error: string };

const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

const encodeLayer = (name: string): string => (PLAIN_NAME.test(name) ? name : `-${toBase64Url(name)}`);

/** The edits as link text (format 1). */
export function encodeEdits(edits: Edits): string {
  const { kernels, ablated } = normaliseEdits(edits);
  const items: string[] = [String(EDITS_FORMAT)];
  for (const k of kernels) {
    const weights = k.weights.map((w) => (w === null ? 'x' : String(Math.round(w * 1000))));
    items.push(['k', encodeLayer(k.layer), k.outChannel, k.inChannel, ...weights].join('.'));
  }
  const byLayer = new Map<string, number[]>();
  for (const a of ablated) byLayer.set(a.layer, [...(byLayer.get(a.layer) ?? []), a.channel]);
  for (const [layer, channels] of byLayer) items.push(['a', encodeLayer(layer), ...channels].join('.'));
  return items.join('*');
}

class ParseError extends Error {}

/** A whole number written plainly (no sign, no leading zeros). */
function channelNumber(field: string, what: string, item: string): number {
  if (!/^(0|[1-9][0-9]{0,5})$/.test(field)) throw new ParseError(`${item}: the ${what} "${field}" is not a channel number (0, 1, 2, …)`);
  return Number(field);
}

function layerName(field: string, item: string): string {
  if (field.startsWith('-')) {
    const name = fromBase64Url(field.slice(1));
    if (name === null || name.length === 0) throw new ParseError(`${item}: the layer name "${field}" is not valid base64url text`);
    return name;
  }
  if (!PLAIN_NAME.test(field)) throw new ParseError(`${item}: "${field}" is not a layer name (letters, digits, _ and -, starting with a letter)`);
  return field;
}

function weight(field: string, item: string): number | null {
  if (field === 'x') return null;
  if (!/^-?(0|[1-9][0-9]{0,6})$/.test(field)) {
    throw new ParseError(`${item}: the weight "${field}" is neither a whole number of thousandths (e.g. -250 for −0.25) nor x (keep the trained weight)`);
  }
  const w = Number(field) / 1000;
  if (Math.abs(w) > MAX_WEIGHT) throw new ParseError(`${item}: the weight ${w} is outside −${MAX_WEIGHT}…${MAX_WEIGHT}`);
  return w + 0;
}

function parseItem(text: string, position: number, kernels: KernelEdit[], ablated: ChannelRef[]): void {
  const item = `Edit ${position} ("${text.length > 40 ? `${text.slice(0, 37)}…` : text}")`;
  const [kind, ...fields] = text.split('.');
  if (kind === 'k') {
    if (fields.length < 4) {
      throw new ParseError(`${item}: a kernel edit needs a layer, an output channel, an input channel and its weights, e.g. k.conv_1_1.3.0.x.x.x.x.1500.x.x.x.x`);
    }
    const [layer, out, input, ...weights] = fields;
    kernels.push({
      layer: layerName(layer, item),
      outChannel: channelNumber(out, 'output channel', item),
      inChannel: channelNumber(input, 'input channel', item),
      weights: weights.map((w) => weight(w, item)),
    });
  } else if (kind === 'a') {
    if (fields.length < 2) throw new ParseError(`${item}: switching channels off needs a layer and at least one channel, e.g. a.conv_2_1.4`);
    const [layer, ...channels] = fields;
    const name = layerName(layer, item);
    for (const c of channels) ablated.push({ layer: name, channel: channelNumber(c, 'channel', item) });
  } else {
    throw new ParseError(`${item}: an edit starts with k (a kernel's weights) or a (channels switched off), not "${kind}"`);
  }
}

/**
 * Link text back to edits, normalised. With a model, the edits are also checked against it
 * (layers, channels, kernel sizes). Never throws: a bad text gives { ok: false, error } with
 * the reason in plain words. Empty text means no edits.
 */
export function parseEdits(text: string, model?: EditableModel): ParsedEdits {
  try {
    if (text === '') return { ok: true, edits: { kernels: [], ablated: [] } };
    const [version, ...items] = text.split('*');
    if (!/^[0-9]+$/.test(version)) {
      throw new ParseError(`The edits should start with their format number (${EDITS_FORMAT}), but start with "${version.slice(0, 20)}"`);
    }
    if (Number(version) !== EDITS_FORMAT) {
      throw new ParseError(`The edits are in format ${version}, and this version of the page reads only format ${EDITS_FORMAT}`);
    }
    const kernels: KernelEdit[] = [];
    const ablated: ChannelRef[] = [];
    items.forEach((item, i) => {
      if (item === '') throw new ParseError(`Edit ${i + 1} is empty (two * in a row, or one at the end)`);
      parseItem(item, i + 1, kernels, ablated);
    });
    const edits = normaliseEdits({ kernels, ablated });
    if (model) {
      const problems = checkEdits(model, edits);
      if (problems.length) throw new ParseError(`The edits do not fit this model: ${problems.join('; ')}`);
    }
    return { ok: true, edits };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err.message };
    throw err;
  }
}
