// widgets/precheck.js: <aftersales-precheck>, the checkout pre-check on the cart page.
//
// Given the cart (the `items` property: [{ listing, quantity? }]), it screens every item and
// lists each flagged one with the policy's reasons. Fragile items are not covered at all
// (clause 3: "any associated risks are assumed by you if you choose to purchase them"), so each
// needs its own acknowledgment checkbox before the place-order button is enabled. Placing the
// order fires `aftersales-order` (bubbles) whose detail is the order payload:
//   { items: [{ id, quantity, class, fragile, non_compensable }],
//     acknowledgment: null | { item_ids, statement, locale, acknowledged_at,
//                              policy_id, policy_version, policy_hash } }
// and, when the widget sits in a <form>, writes the same JSON into a hidden input (name from the
// `name` attribute, default `aftersales`) and submits the form. If the module cannot be loaded or
// an item cannot be screened, ordering stays blocked: the risk cannot be confirmed unseen.
// `title-lang="ja"` marks the listings' own language on their titles.

import { t } from '../i18n.js';
import { h, replace, uid } from './dom.js';
import { LocalizedElement, currentPolicy, define, screenListing } from './runtime.js';

export class AftersalesPrecheck extends LocalizedElement {
  #items = [];
  /** Acknowledged fragile items: id → ISO time the box was ticked. */
  #acks = new Map();
  #screenings = new Map();
  #policy = null;
  #place = null;
  #status = null;
  #blockedReason = null;

  /** The cart: [{ listing: { id, title, … }, quantity? }]. */
  get items() {
    return this.#items;
  }

  set items(value) {
    this.#items = Array.isArray(value) ? value.map((v) => (v && v.listing ? v : { listing: v, quantity: 1 })) : [];
    this.update();
  }

  /** The ids of the fragile items in the cart (known once screened). */
  get fragileIds() {
    return this.#items.map((i) => i.listing.id).filter((id) => this.#screenings.get(id)?.fragile);
  }

  async render(current) {
    const locale = this.locale;
    const headingId = uid('as-precheck-h');
    const level = Math.min(6, Math.max(1, Number.parseInt(this.getAttribute('heading-level') ?? '2', 10) || 2));
    const section = h('section', { class: 'as-precheck', 'aria-labelledby': headingId }, h(`h${level}`, { id: headingId, class: 'as-heading' }, t(locale, 'precheck.heading')));
    if (this.#items.length === 0) {
      this.dataset.state = 'ready';
      replace(this, section);
      section.append(h('p', { class: 'as-note' }, t(locale, 'precheck.empty')));
      return;
    }
    this.dataset.state = 'loading';
    const statusId = uid('as-precheck-status');
    this.#status = h('p', { class: 'as-status', id: statusId, role: 'status' }, t(locale, 'loading'));
    this.#place = h('button', { type: 'button', class: 'as-place', disabled: true, 'aria-describedby': statusId }, t(locale, 'precheck.place'));
    this.#place.addEventListener('click', () => this.#submit());
    const list = h('ul', { class: 'as-flagged' });
    section.append(list, this.#status, this.#place);
    replace(this, section);

    this.#blockedReason = null;
    let policy;
    try {
      policy = await currentPolicy();
    } catch (e) {
      if (current()) this.#block('unavailable', e);
      return;
    }
    const results = await Promise.allSettled(this.#items.map((i) => screenListing(i.listing, locale)));
    if (!current()) return;
    this.#policy = policy;
    this.#screenings.clear();
    const flagged = [];
    results.forEach((r, k) => {
      const item = this.#items[k];
      if (r.status === 'fulfilled') {
        this.#screenings.set(item.listing.id, r.value);
        const outerBox = (r.value.notices ?? []).filter((n) => n.notice === 'outer_box_not_compensable');
        if ((r.value.flags ?? []).length > 0 || outerBox.length > 0) flagged.push({ item, screening: r.value, outerBox });
      } else {
        flagged.push({ item, error: r.reason });
        this.#blockedReason = 'invalid_listing';
      }
    });
    // Forget acknowledgments of items no longer in the cart or no longer fragile.
    const fragile = new Set(this.fragileIds);
    for (const id of [...this.#acks.keys()]) if (!fragile.has(id)) this.#acks.delete(id);

    if (flagged.length === 0) {
      list.replaceWith(h('p', { class: 'as-note' }, t(locale, 'precheck.clear')));
    } else {
      list.before(h('p', { class: 'as-note' }, t(locale, 'precheck.flagged')));
      for (const f of flagged) list.append(this.#row(f, locale));
    }
    this.dataset.state = 'ready';
    this.#refresh();
  }

  renderFailure(e) {
    this.#block('unavailable', e);
  }

  #block(key, e) {
    this.#blockedReason = key;
    this.dataset.state = 'error';
    if (this.#status) {
      this.#status.textContent = t(this.locale, key);
      this.#status.classList.add('as-error');
    } else {
      replace(this, h('p', { class: 'as-error', role: 'status' }, t(this.locale, key)));
    }
    if (this.#place) this.#place.disabled = true;
    if (e) console.error('aftersales-precheck:', e);
  }

  #row({ item, screening, outerBox, error }, locale) {
    const titleId = uid('as-item');
    const id = item.listing.id;
    const li = h('li', { class: `as-flagged-item${screening?.fragile ? ' as-flagged-item--fragile' : ''}`, 'data-item': id }, h('p', { class: 'as-item-title', id: titleId, lang: this.getAttribute('title-lang') || false }, String(item.listing.title ?? id)));
    if (error) {
      li.append(h('p', { class: 'as-error' }, t(locale, 'invalid_listing')));
      return li;
    }
    const reasons = h('ul', { class: 'as-reasons' });
    for (const flag of screening.flags ?? []) reasons.append(h('li', { class: `as-reason as-reason--${flag.class}` }, flag.message));
    for (const n of outerBox) reasons.append(h('li', { class: 'as-reason as-reason--outer_box' }, n.message));
    li.append(reasons);
    if (screening.fragile) {
      const box = h('input', { type: 'checkbox', class: 'as-ack-box', 'aria-describedby': titleId, 'data-item': id });
      box.checked = this.#acks.has(id);
      box.addEventListener('change', () => {
        if (box.checked) this.#acks.set(id, new Date().toISOString());
        else this.#acks.delete(id);
        this.#refresh();
      });
      li.append(h('label', { class: 'as-ack' }, box, h('span', {}, t(locale, 'precheck.ack'))));
    }
    return li;
  }

  #refresh() {
    if (this.#blockedReason) return this.#block(this.#blockedReason);
    const total = this.fragileIds.length;
    const done = this.fragileIds.filter((id) => this.#acks.has(id)).length;
    const ready = done === total;
    this.#place.disabled = !ready;
    this.#status.classList.remove('as-error');
    this.#status.textContent = ready ? t(this.locale, 'precheck.ready') : t(this.locale, 'precheck.blocked', { done, total });
  }

  /** The order payload as it would be submitted now, or null while ordering is blocked. */
  get order() {
    if (this.#blockedReason || !this.#policy || this.dataset.state !== 'ready') return null;
    const fragile = this.fragileIds;
    if (!fragile.every((id) => this.#acks.has(id))) return null;
    const items = this.#items.map((i) => {
      const s = this.#screenings.get(i.listing.id);
      return { id: i.listing.id, quantity: i.quantity ?? 1, class: s?.class ?? 'ordinary', fragile: Boolean(s?.fragile), non_compensable: Boolean(s?.non_compensable) };
    });
    const times = fragile.map((id) => this.#acks.get(id)).sort();
    return {
      items,
      acknowledgment:
        fragile.length === 0
          ? null
          : {
              item_ids: fragile,
              statement: t(this.locale, 'precheck.ack'),
              locale: this.locale,
              acknowledged_at: times.at(-1),
              policy_id: this.#policy.id,
              policy_version: this.#policy.version,
              policy_hash: this.#policy.hash,
            },
    };
  }

  #submit() {
    const order = this.order;
    if (!order) return this.#refresh();
    this.dispatchEvent(new CustomEvent('aftersales-order', { bubbles: true, detail: order }));
    const form = this.closest('form');
    if (form) {
      const name = this.getAttribute('name') || 'aftersales';
      let input = [...form.querySelectorAll('input[type="hidden"]')].find((i) => i.name === name);
      if (!input) {
        input = h('input', { type: 'hidden', name });
        form.append(input);
      }
      input.value = JSON.stringify(order);
      form.requestSubmit();
    }
  }
}

define('aftersales-precheck', AftersalesPrecheck);
