// demo/search.js: the search results page: a few dozen demo listings, each with its
// <aftersales-badge> (title linked to the product page, matched words highlighted, chips with
// explanations), filterable with ?q=.

import '../aftersales-widgets.js';
import { h, replace, uid } from '../widgets/dom.js';
import { addToCart, initPage, listings, onLanguage, price, s, showMessage, toListing } from './app.js';

initPage('search');
const main = document.getElementById('main');
const query = (new URLSearchParams(window.location.search).get('q') ?? '').trim();

function card(entry, announce) {
  const translationId = uid('tr');
  const badge = h('aftersales-badge', { href: `product.html?id=${encodeURIComponent(entry.id)}`, 'title-lang': 'ja' });
  badge.listing = toListing(entry);
  const add = h('button', { type: 'button', class: 'add', 'aria-describedby': translationId }, s('add'));
  add.addEventListener('click', () => {
    addToCart(entry.id);
    announce(`${s('added')}: ${entry.translation ?? entry.title}`);
  });
  return h(
    'li',
    { class: 'card', 'data-id': entry.id },
    h('img', { class: 'thumb', src: `demo/img/${encodeURIComponent(entry.image ?? 'other')}.svg`, alt: '', width: 96, height: 96 }),
    h(
      'div',
      { class: 'card-body' },
      badge,
      entry.translation ? h('p', { class: 'translation', id: translationId, lang: 'en' }, entry.translation) : null,
      h('p', { class: 'meta' }, [s(`mp.${entry.marketplace ?? 'other'}`), ' · ', s(`condition.${entry.condition ?? 'new'}`)]),
      h('p', { class: 'price' }, price(entry.price_jpy ?? 0)),
      add,
    ),
  );
}

function render(all) {
  const needle = query.toLowerCase();
  const found = needle ? all.filter((l) => `${l.title} ${l.translation ?? ''}`.toLowerCase().includes(needle)) : all;
  const announcer = h('p', { class: 'visually-hidden', role: 'status' });
  const announce = (text) => {
    announcer.textContent = text;
  };
  const input = h('input', { id: 'q', name: 'q', type: 'search', value: query });
  replace(
    main,
    h('h1', {}, s('search.title')),
    h('form', { class: 'search', role: 'search', action: 'index.html', method: 'get' }, h('label', { for: 'q' }, s('search.label')), input, h('button', { type: 'submit' }, s('search.button'))),
    h('p', { class: 'count' }, found.length > 0 ? s('search.count', { count: found.length }) : s('search.none', { q: query })),
    h('ul', { class: 'results' }, found.map((entry) => card(entry, announce))),
    announcer,
  );
}

listings().then(
  (all) => onLanguage(() => render(all)),
  (e) => {
    showMessage(main, String(e.message ?? e));
    console.error(e);
  },
);
