// widgets/runtime.js: what the three widgets share: the wasm checker, the locale, the styles.
//
// - The module is loaded once per page, on the first widget that needs it (from where
//   ./module.js says: www/pkg/ in the demo, the package itself once installed), and one
//   `Checker` (the shipped policy) answers every call. A page whose widgets only screen (badges,
//   the checkout pre-check) loads the screening half (`aftersales/screen`, 21 KB lighter
//   gzipped); the claim checker asks for the whole build, which then answers the screening too.
// - Listing badges do not call the module one by one: `screenListing` queues each request and
//   flushes the queue in one `screenCodes` call per locale at the end of the current task, so a
//   page of 40 results crosses the JS/wasm boundary once; the answers carry codes only and are
//   worded here from `messages(locale)`, fetched once per locale. If the batch fails (one listing is
//   invalid and the module names it by index), the listings are screened one by one so only the
//   bad one reports an error.
// - Every widget follows the nearest `lang` attribute (`ja-JP` → ja, `zh-TW` → zh-CN, anything
//   else → en, the same negotiation as the module's `Locale::negotiate`) and re-renders when any
//   `lang` attribute in the document changes.
// - The widget stylesheet (www/aftersales.css) is linked once if the page has not linked it.

import { loadModule, loadScreeningModule } from './module.js';

const STYLES = new URL('../aftersales.css', import.meta.url);

/** The locales the module has messages for. */
export const LOCALES = ['en', 'ja', 'ru', 'zh-CN'];

/** The nearest supported locale for a BCP 47 tag. */
export function negotiate(tag) {
  const primary = String(tag ?? '').split(/[-_]/)[0].trim().toLowerCase();
  if (primary === 'ja') return 'ja';
  if (primary === 'ru') return 'ru';
  if (primary === 'zh') return 'zh-CN';
  return 'en';
}

/** The locale an element should speak: its nearest `lang`, else the browser's language. */
export function localeOf(element) {
  const host = element.closest('[lang]');
  const tag = host ? host.getAttribute('lang') : null;
  return negotiate(tag || navigator.language);
}

async function start(load) {
  const mod = await load();
  await mod.default();
  return new mod.Checker();
}

let whole = null;
let screening = null;
/**
 * Resolves to the page's `Checker`; rejects (once, for everyone) if the module cannot load.
 * `need` is `'all'` (the whole storefront build: `judge` too) or `'screening'` (the screening
 * half, unless the whole build is already on its way).
 */
export function checker(need = 'all') {
  if (need === 'screening') return whole ?? (screening ??= start(loadScreeningModule));
  whole ??= start(loadModule);
  return whole;
}

/** Converts a Map (serde-wasm-bindgen's default for maps) or an object into a plain object. */
function plain(value) {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

const messageCache = new Map();
/** Every policy message in `locale`, keyed like `evidence.carrier_proof`. */
export async function messages(locale) {
  if (!messageCache.has(locale)) {
    const c = await checker('screening');
    messageCache.set(locale, plain(c.messages(locale)) ?? {});
  }
  return messageCache.get(locale);
}

/** The policy new orders are placed under: the module lists policies oldest first. */
export async function currentPolicy() {
  const c = await checker('screening');
  const info = plain(c.info());
  return (info.policies ?? []).map(plain).at(-1) ?? null;
}

const BATCH = 1000;
let queue = [];
let scheduled = false;

/** Screens one listing; calls made in the same task are answered by one `screenCodes` call. */
export function screenListing(listing, locale) {
  return new Promise((resolve, reject) => {
    queue.push({ listing, locale, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  });
}

/** Gives each flag and notice of `screenCodes` answers its text from the locale's messages
 * (the key `screenBatch` words it by), so that widgets read `flag.message` either way. */
function word(screenings, table) {
  for (const s of screenings) {
    for (const f of s.flags) f.message = table[`class.${f.class}`] ?? `class.${f.class}`;
    for (const n of s.notices) n.message = table[`notice.${n.notice}`] ?? `notice.${n.notice}`;
  }
  return screenings;
}

/**
 * A `judgeCodes` answer worded from the locale's messages into what `judge(claim, now, locale)`
 * answers, field for field and in the same order, so that widgets and `aftersales-verdict`
 * listeners read `summary`, `reason.message`, `missing.messages` and `step.message` either way.
 */
export function wordVerdict(v, table, locale) {
  const say = (key) => table[key] ?? key;
  const reason = (r) => ({ ...r, message: say(`reason.${r.code}`) });
  return {
    order_id: v.order_id,
    outcome: v.outcome,
    summary: say(`outcome.${v.outcome}`),
    reasons: v.reasons.map(reason),
    items: v.items.map((i) => ({ ...i, reasons: i.reasons.map(reason) })),
    missing_evidence: v.missing_evidence.map((m) => ({ any_of: m.any_of, messages: m.any_of.map((e) => say(`evidence.${e}`)), clause: m.clause })),
    window: v.window,
    next_steps: v.next_steps.map((s) => ({ step: s.step, urgent: s.urgent, message: say(`next_step.${s.step}`), clause: s.clause })),
    audit: { ...v.audit, locale },
  };
}

async function flush() {
  scheduled = false;
  const pending = queue;
  queue = [];
  let c;
  try {
    c = await checker('screening');
  } catch (e) {
    for (const p of pending) p.reject(e);
    return;
  }
  const byLocale = new Map();
  for (const p of pending) {
    if (!byLocale.has(p.locale)) byLocale.set(p.locale, []);
    byLocale.get(p.locale).push(p);
  }
  for (const [locale, group] of byLocale) {
    for (let i = 0; i < group.length; i += BATCH) {
      const chunk = group.slice(i, i + BATCH);
      let results = null;
      try {
        // Codes only, worded here from the messages table fetched once per locale: cheaper than
        // a text in every answer (benches/NOTES.md).
        results = word(c.screenCodes(chunk.map((p) => p.listing)), await messages(locale));
      } catch {
        results = null;
      }
      chunk.forEach((p, j) => {
        if (results) return p.resolve(results[j]);
        try {
          p.resolve(c.screen(p.listing, locale));
        } catch (e) {
          p.reject(e);
        }
      });
    }
  }
}

const live = new Set();
let observer = null;

/** Registers a widget to be told (`onLocaleChange`) when a `lang` attribute changes. */
export function followLang(widget) {
  live.add(widget);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const w of live) w.onLocaleChange();
    });
    observer.observe(document.documentElement, {
      subtree: true,
      attributes: true,
      attributeFilter: ['lang'],
    });
  }
}

/** Stops telling a widget about `lang` changes. */
export function unfollowLang(widget) {
  live.delete(widget);
}

let styled = false;

/** Links www/aftersales.css once, unless the page already has it (linked, or bundled into its CSS). */
export function ensureStyles() {
  if (styled) return;
  styled = true;
  const href = STYLES.href;
  const linked = [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === href);
  // A bundler may have put the stylesheet into the page's own CSS, under another name: the
  // stylesheet marks the document with a custom property, wherever it came from.
  const applied = getComputedStyle(document.documentElement).getPropertyValue('--aftersales-stylesheet').trim() !== '';
  if (linked || applied) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.append(link);
}

/**
 * What the widgets extend: `HTMLElement` in a browser; outside one (a server render importing
 * the widgets), a plain class, so that importing them defines nothing and throws nothing.
 */
const ElementBase = globalThis.HTMLElement ?? class {};

/** Defines a custom element, in a browser only, and once. */
export function define(name, element) {
  const registry = globalThis.customElements;
  if (registry && !registry.get(name)) registry.define(name, element);
}

/**
 * The base of the three widgets: tracks the locale, re-renders on change, never throws out of
 * rendering (a failure is shown in the widget and logged).
 */
export class LocalizedElement extends ElementBase {
  #locale = null;

  connectedCallback() {
    ensureStyles();
    this.#locale = localeOf(this);
    followLang(this);
    this.update();
  }

  disconnectedCallback() {
    unfollowLang(this);
  }

  /** The locale the widget currently renders in. */
  get locale() {
    return this.#locale ?? localeOf(this);
  }

  onLocaleChange() {
    const next = localeOf(this);
    if (next !== this.#locale) {
      this.#locale = next;
      this.update();
    }
  }

  /** Re-renders when connected; subclasses implement `render()` (may be async). */
  update() {
    if (!this.isConnected) return;
    const run = (this.renderSeq = (this.renderSeq ?? 0) + 1);
    Promise.resolve()
      .then(() => this.render(() => run === this.renderSeq))
      .catch((e) => {
        if (run === this.renderSeq) this.renderFailure(e);
      });
  }
}
