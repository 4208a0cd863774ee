// demo/app.js: what every page of the demo storefront shares: the header with the language
// selector, the footer's demo-data notice, the listings, the cart (in localStorage), prices.
//
// The language selector sets <html lang>; the widgets follow it by themselves (they watch the
// nearest `lang`), and the page's own words are re-rendered from ./strings.js. Marketplace text
// goes into the page through the widgets' `h()` (textContent only), never as HTML.

import { h, replace } from '../widgets/dom.js';
import { negotiate } from '../widgets/runtime.js';
import { STRINGS } from './strings.js';

const LANG_KEY = 'kaimono-demo-lang';
const CART_KEY = 'kaimono-demo-cart';
export const LANGUAGES = [
  ['en', 'English'],
  ['ja', '日本語'],
  ['ru', 'Русский'],
  ['zh-CN', '简体中文'],
];

/** The page's locale (from <html lang>). */
export function locale() {
  return negotiate(document.documentElement.lang);
}

/** A demo string in the page's locale, `{name}` placeholders filled as text. */
export function s(key, vars = {}) {
  const text = STRINGS[locale()]?.[key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const langListeners = [];
/** Calls `fn` now and whenever the language changes. */
export function onLanguage(fn) {
  langListeners.push(fn);
  fn(locale());
}

/** Switches the page language: <html lang>, the remembered choice, the page's words. */
export function setLanguage(tag) {
  const next = negotiate(tag);
  document.documentElement.lang = next;
  storage()?.setItem(LANG_KEY, next);
  const select = document.getElementById('lang-select');
  if (select && select.value !== next) select.value = next;
  for (const fn of langListeners) fn(next);
}

/** The formatted price in yen. */
export function price(jpy) {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'JPY' }).format(jpy);
}

let listingsPromise = null;
/** The demo listings, by id order of the file. */
export function listings() {
  listingsPromise ??= fetch(new URL('./listings.json', import.meta.url))
    .then((r) => {
      if (!r.ok) throw new Error(`listings.json: HTTP ${r.status}`);
      return r.json();
    })
    .then((doc) => (Array.isArray(doc?.listings) ? doc.listings.filter((l) => l && typeof l.id === 'string' && typeof l.title === 'string') : []));
  return listingsPromise;
}

/** The part of a demo listing the module screens (it rejects unknown fields). */
export function toListing(entry) {
  const listing = { id: entry.id, title: entry.title };
  if (typeof entry.description === 'string') listing.description = entry.description;
  if (Array.isArray(entry.category)) listing.category = entry.category;
  if (typeof entry.marketplace === 'string') listing.marketplace = entry.marketplace;
  if (typeof entry.condition === 'string') listing.condition = entry.condition;
  return listing;
}

/** The cart: [{ id, quantity }]. */
export function cart() {
  try {
    const parsed = JSON.parse(storage()?.getItem(CART_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((e) => e && typeof e.id === 'string' && Number.isInteger(e.quantity) && e.quantity > 0) : [];
  } catch {
    return [];
  }
}

export function saveCart(entries) {
  storage()?.setItem(CART_KEY, JSON.stringify(entries));
  updateCartCount();
}

export function addToCart(id) {
  const entries = cart();
  const found = entries.find((e) => e.id === id);
  if (found) found.quantity += 1;
  else entries.push({ id, quantity: 1 });
  saveCart(entries);
}

function updateCartCount() {
  const count = cart().reduce((n, e) => n + e.quantity, 0);
  const el = document.getElementById('cart-count');
  if (el) el.textContent = count > 0 ? ` (${count})` : '';
}

function header(current) {
  const link = (href, key, page) => h('li', {}, h('a', { href, 'aria-current': page === current ? 'page' : false, 'data-s': key }, s(key)), key === 'nav.cart' ? h('span', { id: 'cart-count' }) : null);
  const select = h(
    'select',
    { id: 'lang-select' },
    LANGUAGES.map(([tag, name]) => h('option', { value: tag, lang: tag }, name)),
  );
  select.value = locale();
  select.addEventListener('change', () => setLanguage(select.value));
  return [
    h('a', { class: 'skip', href: '#main', 'data-s': 'skip' }, s('skip')),
    h('div', { class: 'brand' }, h('a', { href: 'index.html', class: 'brand-name' }, s('store.name')), h('span', { class: 'brand-tagline', 'data-s': 'store.tagline' }, s('store.tagline'))),
    h('nav', { 'aria-label': s('nav.label'), 'data-s-aria-label': 'nav.label' }, h('ul', {}, link('index.html', 'nav.search', 'search'), link('cart.html', 'nav.cart', 'cart'), link('order.html', 'nav.order', 'order'), link('policy-diff.html', 'nav.diff', 'diff'))),
    h('div', { class: 'lang' }, h('label', { for: 'lang-select', 'data-s': 'lang.label' }, s('lang.label')), select),
  ];
}

const PAGE_TITLES = { search: 'search.title', product: 'product.title', cart: 'cart.title', order: 'order.heading', diff: 'diff.title' };
let pageKey = 'search';

/** Re-applies the demo strings to elements marked `data-s` (text) and `data-s-aria-label`. */
function translateStatic() {
  document.title = `${s(PAGE_TITLES[pageKey] ?? 'search.title')} — ${s('store.name')} (demo)`;
  for (const el of document.querySelectorAll('[data-s]')) el.textContent = s(el.dataset.s);
  for (const el of document.querySelectorAll('[data-s-aria-label]')) el.setAttribute('aria-label', s(el.dataset.sAriaLabel));
}

/**
 * Sets up a page: language (remembered, English by default), header, footer.
 * @param {'search' | 'product' | 'cart' | 'order' | 'diff'} page
 */
export function initPage(page) {
  pageKey = page;
  const remembered = storage()?.getItem(LANG_KEY);
  document.documentElement.lang = negotiate(remembered ?? document.documentElement.lang ?? 'en');
  const head = document.querySelector('header.site-header');
  if (head) replace(head, header(page));
  const foot = document.querySelector('footer.site-footer');
  if (foot) replace(foot, h('p', { 'data-s': 'footer.demo' }, s('footer.demo')));
  updateCartCount();
  langListeners.push(translateStatic);
  translateStatic();
  window.addEventListener('storage', (e) => {
    if (e.key === CART_KEY) updateCartCount();
  });
}

/** Replaces a page's main content with a plain message (no listing, load failure). */
export function showMessage(main, text) {
  replace(main, h('p', { class: 'page-message', role: 'status' }, text));
}
