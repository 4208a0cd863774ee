// widgets/dom.js: the only way the widgets build markup.
//
// Every node is made with document.createElement and every piece of text goes in through
// textContent or a Text node, so marketplace text (a title such as `<img src=x onerror=alert(1)>`)
// is always shown literally and never parsed as HTML. Attributes are set one by one with
// setAttribute; there is no innerHTML, no insertAdjacentHTML and no inline `style` anywhere, which
// also keeps the widgets working under a strict Content-Security-Policy.

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attrs]
 *   attributes; `true` sets an empty attribute, `false`/null/undefined leave it out
 * @param {...(Node | string | number | null | undefined | false | Array<any>)} children
 *   nodes, or text (never parsed)
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends nodes and text (as Text nodes) to `parent`, flattening arrays. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let counter = 0;
/** A document-unique id for ARIA references (aria-describedby, aria-labelledby). */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/**
 * Splits `text` into Text nodes and <mark> elements at the given UTF-16 spans.
 *
 * The module reports spans in UTF-16 code units, which is what JS string indices count, so
 * `text.slice(start, end)` is exactly the matched text even after emoji or half-width kana.
 * Overlapping or out-of-range spans are clipped, never thrown on.
 * @param {string} text
 * @param {{start: number, end: number, class?: string}[]} spans
 */
export function highlight(text, spans) {
  const sorted = spans
    .map((s) => ({ ...s, start: Math.max(0, Number(s.start)), end: Math.min(text.length, Number(s.end)) }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) out.push(document.createTextNode(text.slice(at, span.start)));
    const mark = h('mark', { class: `as-hit as-hit--${span.class ?? 'term'}` }, text.slice(span.start, span.end));
    out.push(mark);
    at = span.end;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}
