// demo/product.js: a product page (?id=…): the listing's badge as the page heading, with the
// matched words highlighted in the title and the seller's description, and the after-sales chips.

import '../aftersales-widgets.js';
import { h, replace } from '../widgets/dom.js';
import { addToCart, initPage, listings, onLanguage, price, s, showMessage, toListing } from './app.js';

initPage('product');
const main = document.getElementById('main');
const id = new URLSearchParams(window.location.search).get('id') ?? '';

function render(entry) {
  const badge = h('aftersales-badge', { 'title-level': '1', 'title-lang': 'ja', 'with-description': true });
  badge.listing = toListing(entry);
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const add = h('button', { type: 'button', class: 'add' }, s('add'));
  add.addEventListener('click', () => {
    addToCart(entry.id);
    status.textContent = s('added');
  });
  const row = (key, value, lang) => [h('dt', {}, s(key)), h('dd', { lang }, value)];
  replace(
    main,
    h('p', { class: 'back' }, h('a', { href: 'index.html' }, s('product.back'))),
    h(
      'article',
      { class: 'product' },
      h('img', { class: 'product-img', src: `demo/img/${encodeURIComponent(entry.image ?? 'other')}.svg`, alt: '', width: 240, height: 240 }),
      h(
        'div',
        { class: 'product-body' },
        badge,
        entry.translation ? h('p', { class: 'translation', lang: 'en' }, entry.translation) : null,
        h(
          'dl',
          { class: 'facts' },
          row('price', price(entry.price_jpy ?? 0)),
          row('marketplace', s(`mp.${entry.marketplace ?? 'other'}`)),
          row('condition', s(`condition.${entry.condition ?? 'new'}`)),
          Array.isArray(entry.category) ? row('product.category', entry.category.join(' › '), 'ja') : null,
        ),
        add,
        status,
      ),
    ),
  );
}

listings().then(
  (all) => {
    const entry = all.find((l) => l.id === id);
    onLanguage(() => (entry ? render(entry) : showMessage(main, s('product.missing'))));
  },
  (e) => {
    showMessage(main, String(e.message ?? e));
    console.error(e);
  },
);
