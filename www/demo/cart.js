// demo/cart.js: the cart and checkout. The <aftersales-precheck> lists the flagged items and
// holds the place-order button until every fragile item is acknowledged; the order it submits
// (with the acknowledgment: item ids, time, policy hash) is shown on the page, as a store's
// backend would receive it.

import '../aftersales-widgets.js';
import { h, replace } from '../widgets/dom.js';
import { cart, initPage, listings, onLanguage, price, s, saveCart, showMessage, toListing } from './app.js';

initPage('cart');
const main = document.getElementById('main');
const DEMO_CART = ['m-edokiriko-pair', 'a-utada-badmode', 'am-nendoroid-miku', 'm-onepiece-set'];

let placed = null;
// One pre-check for the page's life: it keeps the shopper's acknowledgments across re-renders
// (language, quantities) and forgets only those of items that leave the cart.
const precheck = h('aftersales-precheck', { 'heading-level': '2', 'title-lang': 'ja' });
precheck.addEventListener('aftersales-order', (ev) => {
  placed = { order_id: `DEMO-${Date.now().toString(36).toUpperCase()}`, lines: cart(), aftersales: ev.detail };
  showPlaced();
  document.getElementById('placed-heading')?.focus();
});

function render(all) {
  const byId = new Map(all.map((l) => [l.id, l]));
  const entries = cart().filter((e) => byId.has(e.id));
  precheck.items = entries.map((e) => ({ listing: toListing(byId.get(e.id)), quantity: e.quantity }));

  const lines = entries.map((e) => {
    const entry = byId.get(e.id);
    const qty = h('input', { type: 'number', min: 1, max: 99, value: e.quantity, id: `qty-${e.id}`, class: 'qty' });
    qty.addEventListener('change', () => {
      const n = Math.min(99, Math.max(1, Number.parseInt(qty.value, 10) || 1));
      saveCart(cart().map((c) => (c.id === e.id ? { ...c, quantity: n } : c)));
      render(all);
    });
    const remove = h('button', { type: 'button', class: 'remove', 'aria-describedby': `title-${e.id}` }, s('cart.remove'));
    remove.addEventListener('click', () => {
      saveCart(cart().filter((c) => c.id !== e.id));
      render(all);
    });
    return h(
      'li',
      { class: 'cart-line', 'data-id': e.id },
      h('img', { class: 'thumb', src: `demo/img/${encodeURIComponent(entry.image ?? 'other')}.svg`, alt: '', width: 64, height: 64 }),
      h('div', { class: 'cart-line-body' }, h('a', { href: `product.html?id=${encodeURIComponent(e.id)}`, id: `title-${e.id}`, lang: 'ja' }, entry.title), entry.translation ? h('p', { class: 'translation', lang: 'en' }, entry.translation) : null),
      h('div', { class: 'cart-line-qty' }, h('label', { for: `qty-${e.id}` }, s('cart.quantity')), qty),
      h('p', { class: 'price' }, price((entry.price_jpy ?? 0) * e.quantity)),
      remove,
    );
  });
  const total = entries.reduce((sum, e) => sum + (byId.get(e.id).price_jpy ?? 0) * e.quantity, 0);
  const fill = h('button', { type: 'button', class: 'fill' }, s('cart.fill'));
  fill.addEventListener('click', () => {
    saveCart(DEMO_CART.filter((id) => byId.has(id)).map((id) => ({ id, quantity: 1 })));
    render(all);
  });
  replace(
    main,
    h('h1', {}, s('cart.title')),
    entries.length === 0 ? [h('p', {}, s('cart.empty')), fill] : [h('ul', { class: 'cart-lines' }, lines), h('p', { class: 'total' }, `${s('cart.total')}: ${price(total)}`)],
    precheck,
    h('section', { id: 'placed', class: 'placed', 'aria-labelledby': 'placed-heading', hidden: true }),
  );
  showPlaced();
}

function showPlaced() {
  const section = document.getElementById('placed');
  if (!section || !placed) return;
  section.hidden = false;
  replace(section, h('h2', { id: 'placed-heading', tabindex: '-1' }, s('cart.placed')), h('p', {}, s('cart.placed.note')), h('pre', { class: 'order-json', tabindex: '0', 'aria-labelledby': 'placed-heading' }, h('code', { id: 'order-json' }, JSON.stringify(placed, null, 2))));
}

listings().then(
  (all) => onLanguage(() => render(all)),
  (e) => {
    showMessage(main, String(e.message ?? e));
    console.error(e);
  },
);
