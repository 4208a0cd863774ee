// widgets/badge.js: <aftersales-badge>, the listing badge on search results and product pages.
//
// Given a listing (the `listing` property, or `listing-id` / `listing-title` / `condition` /
// `marketplace` attributes for plain HTML), it asks the module to screen it and shows:
// - a chip per flag: "Fragile — not covered" (clause 3, fragile items) or "Case / Paper damage
//   not compensable" (clause 3, CD cases and paper products), and chips for the notices
//   (second-hand wear, may be unsealed, outer box);
// - optionally the title (attribute `href` → a link, `title-level="1"`…`"6"` → a heading,
//   `with-title` → plain text) and the description (`with-description`), with the matched words
//   in <mark>, cut at the module's UTF-16 spans; `title-lang="ja"` marks the listing's own
//   language on them (the chips keep following the page's language);
// - the explanation of each chip in a tooltip that opens on hover and on keyboard focus, is
//   linked with aria-describedby, stays open while hovered, and closes on Escape.
// The host carries `data-state` (loading | ready | error), `data-class` and `data-fragile`, and
// fires `aftersales-screened` (detail: the Screening) after each screening.

import { t } from '../i18n.js';
import { h, highlight, replace, uid } from './dom.js';
import { LocalizedElement, define, messages, screenListing } from './runtime.js';

const FLAG_CHIPS = { fragile: 'chip.fragile', cd_dvd_bd: 'chip.cd_dvd_bd', paper_product: 'chip.paper_product' };

/** Builds the listing from the attributes, for badges written in plain HTML. */
function listingFromAttributes(el) {
  const title = el.getAttribute('listing-title');
  if (title === null) return null;
  const listing = { id: el.getAttribute('listing-id') ?? '', title };
  for (const name of ['description', 'category_code', 'marketplace', 'condition']) {
    const v = el.getAttribute(name.replace('_', '-'));
    if (v !== null) listing[name] = v;
  }
  return listing;
}

/** Quote marks around matched words, per locale. */
function quote(locale, s) {
  return locale === 'ja' || locale === 'zh-CN' ? `「${s}」` : locale === 'ru' ? `«${s}»` : `“${s}”`;
}

export class AftersalesBadge extends LocalizedElement {
  static observedAttributes = ['listing-id', 'listing-title', 'description', 'category-code', 'condition', 'marketplace', 'href', 'title-level', 'title-lang', 'with-title', 'with-description'];

  #listing = null;
  #screening = null;

  /** The listing to screen: { id, title, description?, category?, category_code?, marketplace?, condition? }. */
  get listing() {
    return this.#listing ?? listingFromAttributes(this);
  }

  set listing(value) {
    this.#listing = value;
    this.#screening = null;
    this.update();
  }

  /** The last screening, or null. */
  get screening() {
    return this.#screening;
  }

  attributeChangedCallback() {
    this.#screening = null;
    this.update();
  }

  async render(current) {
    const listing = this.listing;
    if (!listing) {
      this.replaceChildren();
      return;
    }
    const locale = this.locale;
    if (!this.#screening) {
      this.dataset.state = 'loading';
      replace(this, this.#titleNodes(listing, [])[0], h('span', { class: 'as-loading' }, t(locale, 'loading')));
    }
    let screening;
    try {
      screening = await screenListing(listing, locale);
    } catch (e) {
      if (!current()) return;
      this.#screening = null;
      this.dataset.state = 'error';
      replace(
        this,
        this.#titleNodes(listing, []),
        h('span', { class: 'as-error', role: 'note' }, t(locale, e?.code ? 'invalid_listing' : 'unavailable')),
      );
      this.dispatchEvent(new CustomEvent('aftersales-error', { bubbles: true, detail: { error: e, listing } }));
      return;
    }
    const words = await messages(locale).catch(() => ({}));
    if (!current()) return;
    this.#screening = screening;
    this.dataset.state = 'ready';
    this.dataset.class = screening.class;
    this.dataset.fragile = String(Boolean(screening.fragile));
    const [title, description] = this.#titleNodes(listing, screening.findings ?? []);
    replace(this, title, this.#chips(screening, locale, words), description);
    this.dispatchEvent(new CustomEvent('aftersales-screened', { bubbles: true, detail: screening }));
  }

  renderFailure(e) {
    this.dataset.state = 'error';
    replace(this, h('span', { class: 'as-error', role: 'note' }, t(this.locale, 'unavailable')));
    console.error('aftersales-badge:', e);
  }

  /** [title element or null, description element or null], text only, matches in <mark>. */
  #titleNodes(listing, findings) {
    const spans = (field) => findings.filter((f) => f.field === field).map((f) => ({ start: f.start, end: f.end, class: f.class }));
    const lang = this.getAttribute('title-lang') || false;
    let title = null;
    let description = null;
    const href = this.getAttribute('href');
    const level = Number.parseInt(this.getAttribute('title-level') ?? '', 10);
    if (href !== null || (level >= 1 && level <= 6) || this.hasAttribute('with-title')) {
      const text = highlight(String(listing.title ?? ''), spans('title'));
      title = href !== null ? h('a', { class: 'as-title', href, lang }, text) : h('span', { class: 'as-title', lang }, text);
      if (level >= 1 && level <= 6) title = h(`h${level}`, { class: 'as-title-heading' }, title);
    }
    if (this.hasAttribute('with-description') && listing.description) {
      description = h('p', { class: 'as-description', lang }, highlight(String(listing.description), spans('description')));
    }
    return [title, description];
  }

  #chips(screening, locale, words) {
    const chips = [];
    for (const flag of screening.flags ?? []) {
      const found = (screening.findings ?? []).filter((f) => f.class === flag.class);
      const lines = [flag.message];
      // A hint is worded as "may be", and says what it rests on, so a shopper can ask the seller.
      const hint = flag.basis === 'hint';
      if (hint) lines.push(t(locale, 'tip.hint'));
      if (flag.decided_by === 'category') lines.push(t(locale, 'tip.category'));
      else {
        // A hint's line already says the listing states nothing; only a statement was "stated".
        if (flag.decided_by === 'description' && !hint) lines.push(t(locale, 'tip.description'));
        if (found.length > 0) {
          const distinct = [...new Set(found.map((f) => f.text))];
          lines.push(t(locale, 'tip.matched', { words: distinct.map((w) => quote(locale, w)).join(', ') }));
        }
      }
      const label = hint ? `chip.hint.${flag.class}` : (FLAG_CHIPS[flag.class] ?? `class.${flag.class}`);
      const chip = this.#chip(`as-chip--${flag.class}${hint ? ' as-chip--hint' : ''}`, t(locale, label), lines, flag.class);
      chip.querySelector('.as-chip')?.setAttribute('data-basis', flag.basis ?? 'statement');
      chips.push(chip);
    }
    if (screening.findings_omitted > 0) {
      chips.at(-1)?.querySelector('.as-tip')?.append(h('span', { class: 'as-tip-line' }, t(locale, 'tip.more', { count: screening.findings_omitted })));
    }
    for (const n of screening.notices ?? []) {
      chips.push(this.#chip(`as-chip--notice as-chip--${n.notice}`, t(locale, `chip.${n.notice}`), [n.message || words[`notice.${n.notice}`] || ''], n.notice));
    }
    if (chips.length === 0) return null;
    return h('ul', { class: 'as-chips', 'aria-label': t(locale, 'badge.label') }, chips);
  }

  #chip(modifier, label, lines, code) {
    const tipId = uid('as-tip');
    const button = h('button', { type: 'button', class: `as-chip ${modifier}`, 'aria-describedby': tipId, 'data-code': code }, label);
    const tip = h('span', { role: 'tooltip', id: tipId, class: 'as-tip' }, lines.map((line) => h('span', { class: 'as-tip-line' }, line)));
    const item = h('li', { class: 'as-chip-item' }, button, tip);
    // Shown by CSS on :hover / :focus-within; a click pins it (touch screens), Escape hides it
    // without moving focus or the pointer (WCAG 1.4.13).
    button.addEventListener('click', () => {
      item.classList.toggle('is-pinned');
      item.classList.remove('is-dismissed');
    });
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !item.classList.contains('is-dismissed')) {
        item.classList.add('is-dismissed');
        item.classList.remove('is-pinned');
        e.stopPropagation();
      }
    });
    const reset = () => item.classList.remove('is-dismissed');
    item.addEventListener('mouseleave', reset);
    item.addEventListener('focusout', (e) => {
      if (!item.contains(e.relatedTarget)) {
        reset();
        item.classList.remove('is-pinned');
      }
    });
    return item;
  }

}

define('aftersales-badge', AftersalesBadge);
