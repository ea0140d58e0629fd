/**
 * Writes dist/embed.html, the embedding guide: every element from the custom-elements
 * manifest with a live example, its copy-paste snippet, a playground for its attributes,
 * an event log, and its attributes, events, CSS parts and custom properties. The page's
 * frame is components/kit/embed-page.html; this module renders the parts that come from
 * the manifest. dist/embed-playground.js makes the playgrounds work.
 */
import { escapeHtml as esc, snippet, themeProperties, type AttributeDoc, type ElementDoc, type NamedDoc } from './manifest';

/** `code` spans in JSDoc text become <code>; everything else is escaped. */
export function inlineMarkdown(text: string): string {
  return esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function table(caption: string, head: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${esc(caption)}"><table>
<caption>${esc(caption)}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td data-label="${esc(head[i])}">${c}</td>`)).join('')}</tr>`).join('\n')}</tbody>
</table></div>`;
}

const namedRows = (list: NamedDoc[]) => list.map((x) => [`<code>${esc(x.name)}</code>`, inlineMarkdown(x.description)]);

function control(tag: string, a: AttributeDoc): string {
  const id = `${tag}--${a.name}`;
  const hint = `<span class="hint" id="${id}-hint">${inlineMarkdown(a.description)}</span>`;
  const common = `id="${id}" name="${esc(a.name)}" data-attr="${esc(a.name)}" data-kind="${a.kind}" aria-describedby="${id}-hint"`;
  if (a.kind === 'boolean') {
    return `<div class="field field-boolean"><input type="checkbox" ${common}><label for="${id}"><code>${esc(a.name)}</code></label>${hint}</div>`;
  }
  const placeholder = a.default && a.default !== "''" ? ` placeholder="${esc(a.default.replace(/^'(.*)'$/, '$1'))}"` : '';
  const type = a.kind === 'number' ? 'number" inputmode="numeric' : 'text" spellcheck="false" autocomplete="off';
  return `<div class="field"><label for="${id}"><code>${esc(a.name)}</code></label><input type="${type}" ${common}${placeholder}>${hint}</div>`;
}

export function componentSection(d: ElementDoc): string {
  const tag = esc(d.tag);
  const events = d.events.map((e) => e.name).join(' ');
  const attrRows = d.attributes.map((a) => [`<code>${esc(a.name)}</code>`, `<code>${esc(a.type)}</code>`, a.default ? `<code>${esc(a.default)}</code>` : '', inlineMarkdown(a.description)]);
  const playground = d.attributes.length
    ? `<form class="playground" data-for="${tag}" aria-label="Attributes of ${tag}"><h3>Try its attributes</h3>${d.attributes.map((a) => control(d.tag, a)).join('\n')}
<button type="button" class="reset">Clear all</button></form>`
    : `<div class="playground empty"><h3>Attributes</h3><p>This element has no attributes: the tag alone is all it needs.</p></div>`;
  return `<section class="component" id="${tag}" data-tag="${tag}" data-events="${esc(events)}" aria-labelledby="${tag}-title">
<h2 id="${tag}-title"><code>&lt;${tag}&gt;</code></h2>
<p class="summary">${inlineMarkdown(d.description)}</p>
<div class="live" role="group" aria-label="Live example of ${tag}">
<${tag}></${tag}>
</div>
<div class="workbench">
${playground}
<div class="usage">
<h3>Copy and paste</h3>
<pre class="snippet"><code>${esc(snippet(d.tag))}</code></pre>
<button type="button" class="copy" aria-describedby="${tag}-copied">Copy the snippet</button> <span class="copied" id="${tag}-copied" role="status"></span>
${d.events.length ? `<h3>Events it fired, newest first</h3><output class="event-log" aria-live="polite">None yet: use the example above.</output>` : ''}
</div>
</div>
<h3>Reference</h3>
${table(`Attributes of ${d.tag}`, ['Attribute', 'Type', 'Default', 'Meaning'], attrRows)}
${table(`Events of ${d.tag}`, ['Event', 'When, and its detail'], namedRows(d.events))}
${table(`CSS parts of ${d.tag} (style with ::part)`, ['Part', 'What it is'], namedRows(d.cssParts))}
${table(`CSS custom properties of ${d.tag}`, ['Property', 'What it sets'], namedRows(d.cssProperties))}
</section>`;
}

export function themeTable(docs: readonly ElementDoc[]): string {
  const rows = themeProperties(docs).map((p) => [`<code>${esc(p.name)}</code>`, inlineMarkdown(p.description), p.tags.map((t) => `<code>${esc(t)}</code>`).join(' ')]);
  return table('Custom properties every figure reads', ['Property', 'What it sets', 'Read by'], rows);
}

export function contents(docs: readonly ElementDoc[]): string {
  return `<ol>${docs.map((d) => `<li><a href="#${esc(d.tag)}"><code>&lt;${esc(d.tag)}&gt;</code></a> <span>${inlineMarkdown(d.summary)}</span></li>`).join('')}</ol>`;
}

/** Fills the template's <!-- CONTENTS -->, <!-- THEME --> and <!-- COMPONENTS --> slots. */
export function renderEmbedPage(template: string, docs: readonly ElementDoc[]): string {
  for (const slot of ['<!-- CONTENTS -->', '<!-- THEME -->', '<!-- COMPONENTS -->']) {
    if (!template.includes(slot)) throw new Error(`components/kit/embed-page.html lacks the ${slot} slot`);
  }
  return template
    .replace('<!-- CONTENTS -->', () => contents(docs))
    .replace('<!-- THEME -->', () => themeTable(docs))
    .replace('<!-- COMPONENTS -->', () => docs.map(componentSection).join('\n'));
}
