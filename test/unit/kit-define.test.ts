import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customElement, defineOnce, type ElementRegistry } from '../../components/shared/define-element';
import { componentSources } from '../../components/kit/analyze';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function registry(): ElementRegistry & { defined: Map<string, CustomElementConstructor> } {
  const defined = new Map<string, CustomElementConstructor>();
  return {
    defined,
    get: (name) => defined.get(name),
    define(name, ctor) {
      if (defined.has(name)) throw new Error(`"${name}" has already been used with this registry`);
      defined.set(name, ctor);
    },
  };
}

class A {}
class B {}
const ctor = (c: unknown) => c as CustomElementConstructor;

async function captureWarnings(fn: () => void): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => { seen.push(args.join(' ')); };
  try {
    fn();
    await new Promise((r) => setTimeout(r, 0));
  } finally {
    console.warn = original;
  }
  return seen;
}

test('defines a free tag, and never throws on a taken one', async () => {
  const reg = registry();
  const warned = await captureWarnings(() => {
    assert.ok(defineOnce('cnn-a', ctor(A), reg));
    assert.not.ok(defineOnce('cnn-a', ctor(B), reg));
  });
  assert.is(reg.defined.get('cnn-a'), ctor(A), 'the first definition stays');
  assert.is(warned.length, 1);
  assert.match(warned[0], /<cnn-a> was already defined by another copy/);
});

test('the same class again is silent (one module loaded twice is one module)', async () => {
  const reg = registry();
  const warned = await captureWarnings(() => {
    defineOnce('cnn-a', ctor(A), reg);
    defineOnce('cnn-a', ctor(A), reg);
  });
  assert.equal(warned, []);
});

test('a second copy of every element gives one warning naming them all', async () => {
  const reg = registry();
  const warned = await captureWarnings(() => {
    for (const t of ['cnn-a', 'cnn-b', 'cnn-c']) defineOnce(t, ctor(class {}), reg);
    for (const t of ['cnn-a', 'cnn-b', 'cnn-c']) defineOnce(t, ctor(class {}), reg);
  });
  assert.is(warned.length, 1);
  assert.match(warned[0], /<cnn-a>, <cnn-b>, <cnn-c> were already defined/);
});

test('without a registry (Node, a worker) nothing is defined and nothing throws', () => {
  assert.not.ok(defineOnce('cnn-a', ctor(A), undefined));
});

test('the decorator defines through defineOnce, as a legacy and as a standard decorator', () => {
  const saved = (globalThis as { customElements?: unknown }).customElements;
  const reg = registry();
  (globalThis as { customElements?: unknown }).customElements = reg;
  try {
    customElement('cnn-legacy')(ctor(A));
    let init: (() => void) | undefined;
    const context = { kind: 'class', name: 'B', addInitializer: (f: () => void) => { init = f; } } as unknown as ClassDecoratorContext<CustomElementConstructor>;
    customElement('cnn-standard')(ctor(B), context);
    assert.not.ok(reg.defined.has('cnn-standard'), 'a standard decorator defines once the class is initialised');
    init!();
    assert.is(reg.defined.get('cnn-legacy'), ctor(A));
    assert.is(reg.defined.get('cnn-standard'), ctor(B));
  } finally {
    (globalThis as { customElements?: unknown }).customElements = saved;
  }
});

test("no element uses Lit's own @customElement (it throws when embed.js is loaded twice)", () => {
  const offenders = componentSources(ROOT).filter((f) => {
    const src = readFileSync(join(ROOT, f), 'utf8');
    return /import\s*\{[^}]*\bcustomElement\b[^}]*\}\s*from\s*'lit\/decorators(\.js)?'/.test(src) || /customElements\.define\(/.test(src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));
  });
  assert.equal(offenders.filter((f) => f !== 'components/shared/define-element.ts'), [], "import { customElement } from '…/shared/define-element' instead");
});

test.run();
