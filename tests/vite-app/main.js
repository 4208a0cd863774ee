// The storefront's own script: the widgets and their stylesheet come from the installed package,
// as a storefront engineer imports them; Vite bundles the widgets, the glue and the .wasm.
import 'aftersales/widgets';
import 'aftersales/aftersales.css';

const listings = [
  { id: 'm-1', title: '【美品】江戸切子 ｸﾞﾗｽ 2個セット', marketplace: 'mercari', condition: 'second_hand' },
  { id: 'a-2', title: 'Sony WH-1000XM5 ワイヤレスヘッドホン', marketplace: 'amazon_jp', condition: 'new' },
  { id: 'a-3', title: '宇多田ヒカル BADモード 通常盤 CD', marketplace: 'amazon_jp', condition: 'new' },
];

const results = document.getElementById('results');
for (const listing of listings) {
  const li = document.createElement('li');
  const badge = document.createElement('aftersales-badge');
  badge.setAttribute('with-title', '');
  badge.setAttribute('title-lang', 'ja');
  badge.dataset.id = listing.id;
  badge.listing = listing;
  li.append(badge);
  results.append(li);
}

document.querySelector('aftersales-precheck').items = listings.map((listing) => ({ listing, quantity: 1 }));

document.querySelector('aftersales-claim').order = {
  id: 'A-1001',
  signed_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  items: [
    { id: 'a-2', title: listings[1].title, class: 'ordinary', condition: 'new' },
    { id: 'm-1', title: listings[0].title, listing: listings[0] },
  ],
};

document.addEventListener('aftersales-order', (e) => {
  document.body.dataset.order = JSON.stringify(e.detail);
});
