// widgets/claim.js: <aftersales-claim>, the claim checker on a delivered order's page.
//
// Given the order (the `order` property: { id, ordered_at?, signed_at?, items: [{ id, title,
// class?, condition?, listing? }] }), it shows a short form (what happened, why, when the parcel
// was signed for, the evidence the shopper has, which items and which part) and judges the claim
// with the module on every change (`judgeCodes`, worded from the locale's cached messages). The verdict region (aria-live="polite", re-rendered only when
// the verdict itself changes) shows the outcome, the reasons, each item's outcome, the missing
// evidence, and the next steps, urgent ones first and marked. The deadline is shown with a live
// countdown (a role="timer" outside the live region, so it is not read out every second); when it
// reaches zero the claim is judged again, since the answer changes at that instant.
//
// Timestamps: a datetime-local input has no offset, but the policy's 5-day window is reckoned in
// the offset of the signing time, so the form sends the local time with the browser's offset on
// that date (`2024-03-01T18:00:00+09:00`). Items without a `class` are screened by title first.
// `title-lang="ja"` marks the items' own language on their titles. Fires `aftersales-verdict` (detail: { claim, verdict }) and `aftersales-error` (detail:
// { claim, error }) on the element.

import { t } from '../i18n.js';
import { h, replace, uid } from './dom.js';
import { LocalizedElement, checker, define, messages, screenListing, wordVerdict } from './runtime.js';

const INCIDENTS = ['damaged', 'lost_in_transit', 'missing_items', 'lost_by_unpacking', 'condition_complaint'];
const CAUSES = ['improper_handling', 'courier_mishandling', 'customs_inspection', 'unknown', 'second_hand_wear', 'unsealed_or_resealed'];
const EVIDENCE = ['opened_package_photos', 'unboxing_video', 'carrier_proof', 'packaging_kept', 'documents_kept'];
const DAMAGES = ['main_body', 'cd_case', 'paper', 'outer_box', 'missing', 'scratches_wear', 'unsealed'];

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** `2024-03-01T18:00` (a datetime-local value, the browser's time zone) for an instant. */
export function toLocalInput(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** RFC 3339 with the browser's UTC offset on that date, from a datetime-local value; null if invalid. */
export function fromLocalInput(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(String(value ?? ''));
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss = '00'] = m;
  const local = new Date(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mi), Number(ss));
  if (Number.isNaN(local.getTime())) return null;
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  // Re-read the fields from the Date: a time skipped by a DST change moves forward, as the browser shows it.
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `4 d 03:12:09` in the locale's words. */
export function countdown(locale, ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return t(locale, 'countdown', { d, hms });
}

/** The verdict without the parts that change with the clock, to tell a new answer from a re-run. */
function verdictKey(v) {
  return JSON.stringify({ ...v, window: { ...v.window, remaining_ms: 0 }, audit: { ...v.audit, judged_at: '' } });
}

export class AftersalesClaim extends LocalizedElement {
  #order = null;
  #state = null;
  #classes = new Map();
  #controls = null;
  #verdictKey = '';
  #verdict = null;
  #claim = null;
  #timer = null;
  #regions = null;

  /** The delivered order: { id, ordered_at?, signed_at?, items: [{ id, title, class?, condition? }] }. */
  get order() {
    return this.#order;
  }

  set order(value) {
    this.#order = value ?? null;
    this.#state = null;
    this.#classes.clear();
    this.update();
  }

  /** The claim last judged (what the module saw), or null. */
  get claim() {
    return this.#claim;
  }

  /** The last verdict, or null. */
  get verdict() {
    return this.#verdict;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.#stopTimer();
  }

  #initialState() {
    const items = {};
    for (const item of this.#order.items ?? []) items[item.id] = { selected: true, damage: '' };
    return {
      incident: 'damaged',
      cause: 'unknown',
      signed: this.#order.signed_at ? toLocalInput(this.#order.signed_at) : '',
      evidence: new Set(),
      items,
    };
  }

  async render(current) {
    if (!this.#order) {
      this.replaceChildren();
      return;
    }
    const locale = this.locale;
    this.#state ??= this.#initialState();
    const focusKey = this.contains(document.activeElement) ? document.activeElement.dataset.key : null;
    if (!this.#controls) {
      this.dataset.state = 'loading';
      replace(this, h('p', { class: 'as-loading' }, t(locale, 'loading')));
    }
    let words;
    try {
      // The claim checker needs `judge`: the whole build, which then also screens and words.
      await checker();
      words = await messages(locale);
      await this.#classify();
    } catch (e) {
      if (current()) this.renderFailure(e);
      return;
    }
    if (!current()) return;
    this.#build(locale, words);
    if (focusKey) this.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    this.dataset.state = 'ready';
    this.#verdictKey = '';
    this.judge();
  }

  renderFailure(e) {
    this.#stopTimer();
    this.#controls = null;
    this.dataset.state = 'error';
    replace(this, h('p', { class: 'as-error', role: 'alert' }, t(this.locale, 'unavailable')));
    console.error('aftersales-claim:', e);
  }

  /** Items the order does not classify are screened by their title (the class a claim carries). */
  async #classify() {
    const todo = (this.#order.items ?? []).filter((i) => !i.class && !this.#classes.has(i.id));
    const results = await Promise.allSettled(todo.map((i) => screenListing(i.listing ?? { id: String(i.id), title: String(i.title ?? '') }, 'en')));
    results.forEach((r, k) => this.#classes.set(todo[k].id, r.status === 'fulfilled' ? r.value.class : 'ordinary'));
  }

  #classOf(item) {
    return item.class ?? this.#classes.get(item.id) ?? 'ordinary';
  }

  #build(locale, words) {
    const st = this.#state;
    const headingId = uid('as-claim-h');
    const level = Math.min(5, Math.max(1, Number.parseInt(this.getAttribute('heading-level') ?? '2', 10) || 2));
    const sub = `h${level + 1}`;
    const onChange = () => this.judge();

    const select = (key, label, options, value, optionLabel) => {
      const id = uid('as-f');
      const el = h('select', { id, 'data-key': key }, options.map((o) => h('option', { value: o, selected: o === value }, optionLabel(o))));
      el.value = value;
      return { el, field: h('div', { class: 'as-field' }, h('label', { for: id }, label), el) };
    };
    const incident = select('incident', t(locale, 'claim.incident'), INCIDENTS, st.incident, (o) => t(locale, `incident.${o}`));
    incident.el.addEventListener('change', () => {
      st.incident = incident.el.value;
      onChange();
    });
    const cause = select('cause', t(locale, 'claim.cause'), CAUSES, st.cause, (o) => t(locale, `cause.${o}`));
    cause.el.addEventListener('change', () => {
      st.cause = cause.el.value;
      onChange();
    });

    const signedId = uid('as-f');
    const signed = h('input', { type: 'datetime-local', id: signedId, 'data-key': 'signed', required: true, max: toLocalInput(Date.now()) });
    signed.value = st.signed;
    for (const ev of ['input', 'change']) {
      signed.addEventListener(ev, () => {
        st.signed = signed.value;
        onChange();
      });
    }
    const signedField = h('div', { class: 'as-field' }, h('label', { for: signedId }, t(locale, 'claim.signed')), signed);

    const evidence = h(
      'fieldset',
      { class: 'as-fieldset as-evidence' },
      h('legend', {}, t(locale, 'claim.evidence')),
      EVIDENCE.map((e) => {
        const box = h('input', { type: 'checkbox', value: e, 'data-key': `evidence.${e}` });
        box.checked = st.evidence.has(e);
        box.addEventListener('change', () => {
          if (box.checked) st.evidence.add(e);
          else st.evidence.delete(e);
          onChange();
        });
        return h('label', { class: 'as-check' }, box, h('span', {}, words[`evidence.${e}`] ?? e));
      }),
    );

    const items = h(
      'fieldset',
      { class: 'as-fieldset as-items' },
      h('legend', {}, t(locale, 'claim.items')),
      (this.#order.items ?? []).map((item) => {
        const s = (st.items[item.id] ??= { selected: true, damage: '' });
        const titleId = uid('as-item');
        const box = h('input', { type: 'checkbox', 'data-key': `item.${item.id}`, 'aria-describedby': titleId });
        box.checked = s.selected;
        const damageId = uid('as-f');
        const damage = h(
          'select',
          { id: damageId, 'data-key': `damage.${item.id}`, 'aria-describedby': titleId },
          h('option', { value: '' }, t(locale, 'claim.damage.default')),
          DAMAGES.map((d) => h('option', { value: d }, t(locale, `damage.${d}`))),
        );
        damage.value = s.damage;
        damage.disabled = !s.selected;
        box.addEventListener('change', () => {
          s.selected = box.checked;
          damage.disabled = !box.checked;
          onChange();
        });
        damage.addEventListener('change', () => {
          s.damage = damage.value;
          onChange();
        });
        const cls = this.#classOf(item);
        const condition = item.condition ?? 'new';
        return h(
          'div',
          { class: 'as-claim-item', 'data-item': item.id },
          h('label', { class: 'as-check' }, box, h('span', { id: titleId, class: 'as-item-title', lang: this.getAttribute('title-lang') || false }, String(item.title ?? item.id))),
          h('span', { class: `as-tag as-tag--${cls}` }, t(locale, `class.${cls}`)),
          h('span', { class: 'as-tag' }, t(locale, `condition.${condition}`)),
          h('span', { class: 'as-field as-field--inline' }, h('label', { for: damageId }, t(locale, 'claim.damage')), damage),
        );
      }),
    );

    const verdictId = uid('as-verdict');
    const verdict = h('section', { class: 'as-verdict', 'aria-live': 'polite', 'aria-labelledby': verdictId });
    const verdictHeading = h(sub, { id: verdictId, class: 'as-heading' }, t(locale, 'claim.verdict'));
    const windowBox = h('div', { class: 'as-window' });
    const error = h('p', { class: 'as-error', role: 'alert', hidden: true });

    const form = h('form', { class: 'as-claim-form', novalidate: true }, incident.field, cause.field, signedField, evidence, items);
    form.addEventListener('submit', (e) => e.preventDefault());
    replace(
      this,
      h('section', { class: 'as-claim', 'aria-labelledby': headingId }, h(`h${level}`, { id: headingId, class: 'as-heading' }, t(locale, 'claim.heading')), form, h('div', { class: 'as-result' }, verdictHeading, error, verdict, windowBox)),
    );
    this.#controls = { signed, items };
    this.#regions = { verdict, windowBox, error, sub, locale, words };
  }

  /** The claim the form describes now, or a UI key saying what is missing. */
  #currentClaim() {
    const st = this.#state;
    const signedAt = fromLocalInput(st.signed);
    if (!signedAt) return { missing: 'claim.no_signed' };
    const items = (this.#order.items ?? [])
      .filter((i) => st.items[i.id]?.selected)
      .map((i) => {
        const item = { id: String(i.id), class: this.#classOf(i), condition: i.condition ?? 'new' };
        if (st.items[i.id].damage) item.damage = st.items[i.id].damage;
        return item;
      });
    if (items.length === 0) return { missing: 'claim.no_items' };
    const claim = { order_id: String(this.#order.id), signed_at: signedAt, incident: st.incident, cause: st.cause, evidence: EVIDENCE.filter((e) => st.evidence.has(e)), items };
    if (this.#order.ordered_at) claim.ordered_at = this.#order.ordered_at;
    return { claim };
  }

  /** Judges the claim as the form now describes it, at this instant. */
  async judge() {
    if (!this.#regions || this.dataset.state !== 'ready') return;
    const { verdict: region, windowBox, error, locale } = this.#regions;
    const { claim, missing } = this.#currentClaim();
    if (!claim) {
      this.#show(error, false);
      this.#setVerdict(null, h('p', { class: 'as-note' }, t(locale, missing)));
      replace(windowBox);
      this.#stopTimer();
      return;
    }
    let c;
    try {
      c = await checker();
    } catch (e) {
      return this.renderFailure(e);
    }
    this.#claim = claim;
    let verdict;
    try {
      // Codes only, worded from the messages table fetched once per locale (as the badges do).
      const table = await messages(locale);
      verdict = wordVerdict(c.judgeCodes(claim, Date.now()), table, locale);
    } catch (e) {
      this.#verdict = null;
      this.#verdictKey = '';
      error.textContent = t(locale, 'claim.error', { message: this.#explain(e) });
      this.#show(error, true);
      replace(region);
      replace(windowBox);
      this.#stopTimer();
      this.#signedInvalid(e?.path === 'signed_at');
      this.dispatchEvent(new CustomEvent('aftersales-error', { bubbles: true, detail: { claim, error: e } }));
      return;
    }
    this.#show(error, false);
    this.#signedInvalid(false);
    this.#verdict = verdict;
    const key = verdictKey(verdict);
    if (key !== this.#verdictKey) {
      this.#verdictKey = key;
      this.#setVerdict(verdict);
      this.#renderWindow(verdict);
      this.dispatchEvent(new CustomEvent('aftersales-verdict', { bubbles: true, detail: { claim, verdict } }));
    }
    this.#startTimer(verdict);
  }

  #show(el, on) {
    el.hidden = !on;
  }

  #signedInvalid(on) {
    if (on) this.#controls.signed.setAttribute('aria-invalid', 'true');
    else this.#controls.signed.removeAttribute('aria-invalid');
  }

  #explain(e) {
    const locale = this.#regions.locale;
    if (e?.code === 'timestamp_order' && e?.path === 'signed_at') return t(locale, 'claim.error.signed_future');
    if (e?.path === 'signed_at') return t(locale, 'claim.error.field', { field: t(locale, 'claim.signed') });
    return String(e?.message ?? e);
  }

  #setVerdict(v, note) {
    const { verdict: region, sub, locale, words } = this.#regions;
    if (!v) {
      this.#verdict = null;
      this.#verdictKey = '';
      this.removeAttribute('data-outcome');
      replace(region, note);
      return;
    }
    this.dataset.outcome = v.outcome;
    const minor = `h${Math.min(6, Number(sub.slice(1)) + 1)}`;
    const titles = new Map((this.#order.items ?? []).map((i) => [String(i.id), String(i.title ?? i.id)]));
    const reasonList = (reasons) => h('ul', { class: 'as-reasons' }, reasons.map((r) => h('li', { class: `as-reason as-reason--${r.code}`, 'data-code': r.code }, r.message)));
    const parts = [h('p', { class: `as-outcome as-outcome--${v.outcome}`, 'data-outcome': v.outcome }, v.summary)];
    if (v.reasons.length > 0) parts.push(h(minor, { class: 'as-subheading' }, t(locale, 'claim.reasons')), reasonList(v.reasons));
    parts.push(
      h(minor, { class: 'as-subheading' }, t(locale, 'claim.items_verdict')),
      h(
        'ul',
        { class: 'as-item-verdicts' },
        v.items.map((i) =>
          h(
            'li',
            { class: `as-item-verdict as-item-verdict--${i.outcome}`, 'data-item': i.id, 'data-outcome': i.outcome },
            h('span', { class: 'as-item-title', lang: this.getAttribute('title-lang') || false }, titles.get(i.id) ?? i.id),
            ' — ',
            h('strong', { class: `as-outcome-label as-outcome-label--${i.outcome}` }, words[`outcome.${i.outcome}`] ?? i.outcome),
            reasonList(i.reasons),
          ),
        ),
      ),
    );
    if (v.missing_evidence.length > 0) {
      parts.push(
        h(minor, { class: 'as-subheading' }, t(locale, 'claim.missing')),
        h(
          'ul',
          { class: 'as-missing' },
          v.missing_evidence.map((m) =>
            h(
              'li',
              { 'data-evidence': m.any_of.join(' ') },
              m.messages.length > 1 ? [t(locale, 'claim.missing.any_of'), h('ul', {}, m.messages.map((msg) => h('li', {}, msg)))] : m.messages[0],
            ),
          ),
        ),
      );
    }
    if (v.next_steps.length > 0) {
      const steps = [...v.next_steps].sort((a, b) => Number(b.urgent) - Number(a.urgent));
      parts.push(
        h(minor, { class: 'as-subheading' }, t(locale, 'claim.steps')),
        h(
          'ol',
          { class: 'as-steps' },
          steps.map((s) => h('li', { class: `as-step${s.urgent ? ' as-step--urgent' : ''}`, 'data-step': s.step }, s.urgent ? h('strong', { class: 'as-urgent' }, `${t(locale, 'claim.urgent')}: `) : null, s.message)),
        ),
      );
    }
    replace(region, parts);
  }

  #renderWindow(v) {
    const { windowBox, locale } = this.#regions;
    const deadline = new Date(Number(v.window.deadline_ms));
    const formatted = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(deadline);
    const remaining = Number(v.window.deadline_ms) - Date.now();
    const timer = h('span', { class: 'as-countdown', role: 'timer', 'aria-live': 'off' }, countdown(locale, remaining));
    replace(
      windowBox,
      h('p', { class: 'as-deadline' }, h('span', { class: 'as-label' }, `${t(locale, 'claim.deadline')}: `), h('time', { datetime: v.window.deadline }, formatted)),
      remaining > 0 && v.window.open_now
        ? h('p', { class: 'as-left' }, h('span', { class: 'as-label' }, `${t(locale, 'claim.left')}: `), timer)
        : h('p', { class: 'as-left as-left--closed' }, t(locale, 'claim.closed')),
    );
  }

  #startTimer(v) {
    this.#stopTimer();
    if (!v.window.open_now) return;
    const deadline = Number(v.window.deadline_ms);
    this.#timer = setInterval(() => {
      const left = deadline - Date.now();
      const el = this.querySelector('.as-countdown');
      if (el) el.textContent = countdown(this.#regions.locale, left);
      // The window just closed: the answer changes now (evidence can no longer be sent).
      if (left <= 0) {
        this.#stopTimer();
        this.judge();
      }
    }, 1000);
  }

  #stopTimer() {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}

define('aftersales-claim', AftersalesClaim);
