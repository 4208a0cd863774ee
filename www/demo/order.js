// demo/order.js: a delivered order with the <aftersales-claim> checker. The demo order was
// signed for a fixed number of hours before the page was opened (demo/order.json), so the
// claim window's countdown is live; the claim the widget judges is shown below it.

import '../aftersales-widgets.js';
import { fromLocalInput, toLocalInput } from '../aftersales-widgets.js';
import { h, replace } from '../widgets/dom.js';
import { initPage, listings, locale, onLanguage, s, showMessage } from './app.js';

initPage('order');
const main = document.getElementById('main');

/** RFC 3339 with the browser's offset, `hours` before now, to the minute. */
function hoursAgo(hours) {
  return fromLocalInput(toLocalInput(Date.now() - hours * 3_600_000));
}

async function load() {
  const [all, doc] = await Promise.all([listings(), fetch(new URL('./order.json', import.meta.url)).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`order.json: HTTP ${r.status}`))))]);
  const byId = new Map(all.map((l) => [l.id, l]));
  const o = doc.order;
  return {
    id: String(o.id),
    ordered_at: hoursAgo(Number(o.ordered_hours_ago)),
    signed_at: hoursAgo(Number(o.signed_hours_ago)),
    items: o.items.filter((id) => byId.has(id)).map((id) => ({ id, title: byId.get(id).title, translation: byId.get(id).translation, condition: byId.get(id).condition ?? 'new' })),
  };
}

/** The page in the current language; the claim widget is kept (it re-localizes itself and keeps its answers). */
function render(order, claim, claimJson) {
  const when = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  replace(
    main,
    h('h1', {}, s('order.title', { id: order.id })),
    h(
      'section',
      { class: 'order-summary', 'aria-labelledby': 'order-h' },
      h('h2', { id: 'order-h' }, s('order.heading')),
      h('dl', { class: 'facts' }, h('dt', {}, s('order.ordered')), h('dd', {}, h('time', { datetime: order.ordered_at }, when(order.ordered_at))), h('dt', {}, s('order.signed')), h('dd', {}, h('time', { datetime: order.signed_at }, when(order.signed_at)))),
      h('h3', {}, s('order.items')),
      h('ul', { class: 'order-items' }, order.items.map((i) => h('li', {}, h('span', { lang: 'ja' }, i.title), i.translation ? h('span', { class: 'translation', lang: 'en' }, ` — ${i.translation}`) : null))),
    ),
    claim,
    h('details', { class: 'claim-data' }, h('summary', { id: 'claim-data-h' }, s('order.claim_data')), h('pre', { tabindex: '0', 'aria-labelledby': 'claim-data-h' }, claimJson)),
  );
}

load().then(
  (order) => {
    const claimJson = h('code', { id: 'claim-json' });
    const claim = h('aftersales-claim', { 'heading-level': '2', 'title-lang': 'ja' });
    claim.order = { id: order.id, ordered_at: order.ordered_at, signed_at: order.signed_at, items: order.items.map(({ id, title, condition }) => ({ id, title, condition })) };
    claim.addEventListener('aftersales-verdict', (e) => {
      claimJson.textContent = JSON.stringify(e.detail.claim, null, 2);
    });
    onLanguage(() => render(order, claim, claimJson));
  },
  (e) => {
    showMessage(main, String(e.message ?? e));
    console.error(e);
  },
);
