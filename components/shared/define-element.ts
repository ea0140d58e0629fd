/**
 * Registers custom elements without ever throwing on a tag that is already defined.
 *
 * Lit's own `@customElement` calls `customElements.define`, which throws when a tag is taken:
 * that happens when a page loads the embed script twice from different addresses, or two
 * versions of it. Here the first definition wins and the page gets one console warning that
 * lists the tags a later copy could not define.
 *
 * Every cnn-* element uses this module's `customElement` instead of Lit's (same name and
 * signature, so the custom-elements manifest analyzer still reads the tag):
 *
 *   import { customElement } from '../shared/define-element';
 *   @customElement('cnn-overview')
 *   export class CnnOverview extends LitElement { … }
 */

/** The part of CustomElementRegistry this module uses (a test passes its own). */
export interface ElementRegistry {
  get(name: string): CustomElementConstructor | undefined;
  define(name: string, constructor: CustomElementConstructor): void;
}

let skipped: string[] = [];

function warnLater(tag: string): void {
  if (skipped.push(tag) > 1) return;
  queueMicrotask(() => {
    const tags = skipped.map((t) => `<${t}>`).join(', ');
    skipped = [];
    console.warn(
      `cnn-explorer: ${tags} ${tags.includes(',') ? 'were' : 'was'} already defined by another copy of the script on this page; ` +
        'the first definition stays in use. Load embed.js once per page.',
    );
  });
}

/**
 * Defines `tag` unless it is defined already. Returns true when this call defined it; a
 * different class already holding the tag gives a (batched) console warning, not an error.
 */
export function defineOnce(
  tag: string,
  constructor: CustomElementConstructor,
  registry: ElementRegistry | undefined = globalThis.customElements,
): boolean {
  if (!registry) return false;
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== constructor) warnLater(tag);
    return false;
  }
  registry.define(tag, constructor);
  return true;
}

type ElementClass = CustomElementConstructor;

/**
 * Class decorator: `@customElement('cnn-foo')`. Works both as a legacy TypeScript decorator
 * (experimentalDecorators, as this project compiles) and as a standard decorator.
 */
export function customElement(tag: string) {
  return <C extends ElementClass>(target: C, context?: ClassDecoratorContext<C>): void => {
    if (context !== undefined) context.addInitializer(() => { defineOnce(tag, target); });
    else defineOnce(tag, target);
  };
}
