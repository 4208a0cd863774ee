// tests/e2e/badge.test.mjs: the listing badge on the search results and product pages.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { assertClean, openPage, policyMessage, shoot, startStore, widgetsSettled } from './harness.mjs';

let store;
before(async () => {
  store = await startStore();
});
after(async () => {
  await store?.stop();
});

const card = (page, id) => page.locator(`li.card[data-id="${id}"]`);

/** The title's findings as the module reported them, and the slices of the title at their spans. */
async function titleFindings(badge) {
  return badge.evaluate((el) => {
    const title = el.listing.title;
    return el.screening.findings.filter((f) => f.field === 'title').map((f) => ({ text: f.text, slice: title.slice(f.start, f.end), start: f.start }));
  });
}

test('fragile badge highlights the matched words at their UTF-16 spans, after emoji and in half-width kana', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}index.html`);
    await widgetsSettled(page);
    // ✨ is one UTF-16 unit and 🍷 two: spans counted in code points would cut 「ングラ」.
    const wine = card(page, 'm-baccarat-wine');
    const badge = wine.locator('aftersales-badge');
    assert.equal(await badge.getAttribute('data-fragile'), 'true');
    const found = await titleFindings(badge);
    assert.ok(found.some((f) => f.text === 'グラス'), JSON.stringify(found));
    for (const f of found) assert.equal(f.slice, f.text, 'the span cuts exactly the matched text');
    assert.ok(found.every((f) => f.start >= 3), 'every match is after the emoji');
    assert.deepEqual(await wine.locator('mark.as-hit').allTextContents(), found.map((f) => f.text));
    assert.equal(await wine.locator('.as-title').textContent(), '✨🍷 バカラ ワイングラス ペア 新品未使用');
    assert.equal(await wine.locator('.as-chip--fragile').textContent(), 'Fragile — not covered');
    // Half-width katakana is matched through folding but highlighted as written.
    const kiriko = card(page, 'm-edokiriko-pair');
    const marks = await kiriko.locator('mark.as-hit').allTextContents();
    assert.ok(marks.includes('ｸﾞﾗｽ'), JSON.stringify(marks));
    assert.deepEqual(marks, (await titleFindings(kiriko.locator('aftersales-badge'))).map((f) => f.slice));
    assert.equal(await kiriko.locator('.as-chip--second_hand_wear').count(), 1);
    assert.equal(await kiriko.locator('.as-chip--outer_box_not_compensable').count(), 1);
    await shoot(page, 'badge-search-results');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('sunglasses, headphones and a new figure are not flagged fragile', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}index.html`);
    await widgetsSettled(page);
    for (const id of ['m-rayban-wayfarer', 'a-sony-wh1000xm5', 'am-nendoroid-miku']) {
      const badge = card(page, id).locator('aftersales-badge');
      assert.equal(await badge.getAttribute('data-fragile'), 'false', id);
      assert.equal(await badge.locator('mark').count(), 0, id);
    }
    assert.equal(await card(page, 'am-nendoroid-miku').locator('.as-chip--may_be_unsealed').textContent(), 'May be unsealed');
    assert.equal(await card(page, 'a-utada-badmode').locator('.as-chip--cd_dvd_bd').textContent(), 'Case damage not compensable');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('chip explanation opens on keyboard focus, is the chip description, and closes on Escape', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}product.html?id=m-baccarat-wine`);
    await widgetsSettled(page);
    const chip = page.locator('.as-chip--fragile');
    const tipId = await chip.getAttribute('aria-describedby');
    const tip = page.locator(`[id="${tipId}"]`);
    assert.equal(await tip.getAttribute('role'), 'tooltip');
    assert.equal(await tip.isVisible(), false);
    // Tab from the page's h1 link order: focus the chip by keyboard, not by click.
    await page.locator('.as-title-heading').click();
    let guard = 0;
    while (!(await chip.evaluate((el) => el === document.activeElement)) && guard++ < 20) await page.keyboard.press('Tab');
    assert.ok(await chip.evaluate((el) => el === document.activeElement), 'chip reachable by Tab');
    assert.equal(await tip.isVisible(), true);
    const text = await tip.textContent();
    assert.ok(text.startsWith(policyMessage('class.fragile')), text);
    assert.match(text, /Matched: .*“グラス”/);
    await shoot(page.locator('article.product'), 'badge-product-tooltip');
    await page.keyboard.press('Escape');
    assert.equal(await tip.isVisible(), false);
    assert.ok(await chip.evaluate((el) => el === document.activeElement), 'Escape keeps focus');
    // Hover opens it as well.
    await page.locator('.as-chip--may_be_unsealed').hover();
    const unsealedTip = page.locator(`[id="${await page.locator('.as-chip--may_be_unsealed').getAttribute('aria-describedby')}"]`);
    assert.equal(await unsealedTip.isVisible(), true);
    assert.equal(await unsealedTip.textContent(), policyMessage('notice.may_be_unsealed'));
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

const HOSTILE = '<img src=x onerror=alert(1)> 江戸切子 グラス <script>alert(2)</script>';

test('a hostile title renders as inert text on the search and product pages', async () => {
  const page = await openPage(store.browser);
  try {
    await page.route('**/demo/listings.json', async (route) => {
      const response = await route.fetch();
      const doc = await response.json();
      doc.listings.unshift({ id: 'hostile', title: HOSTILE, description: '<b onmouseover=alert(3)>説明</b>', translation: '<img src=y onerror=alert(4)>', price_jpy: 100, marketplace: 'mercari', condition: 'new', image: 'glass' });
      await route.fulfill({ response, json: doc });
    });
    for (const path of ['index.html', 'product.html?id=hostile']) {
      await page.goto(`${store.url}${path}`);
      await widgetsSettled(page);
      const badge = page.locator('aftersales-badge').first();
      assert.equal(await badge.locator('.as-title').textContent(), HOSTILE, path);
      // The fragile term inside it is still found and highlighted, as text.
      const marks = await badge.locator('mark').allTextContents();
      assert.ok(marks.includes('グラス'), path);
      assert.deepEqual(marks, (await titleFindings(badge)).map((f) => f.slice), path);
      assert.equal(await page.locator('img[src="x"], img[src="y"], script:not([src]), b[onmouseover]').count(), 0, path);
      await page.locator('aftersales-badge .as-title').first().hover();
    }
    assert.equal(await page.locator('.as-description').textContent(), '<b onmouseover=alert(3)>説明</b>');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('switching the language re-renders the badges in that language', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}index.html`);
    await widgetsSettled(page);
    const chip = card(page, 'm-baccarat-wine').locator('.as-chip--fragile');
    assert.equal(await chip.textContent(), 'Fragile — not covered');
    const expected = { ja: '割れ物・補償対象外', ru: 'Хрупкое — не покрывается', 'zh-CN': '易碎品，不在保障范围内', en: 'Fragile — not covered' };
    for (const lang of ['ja', 'ru', 'zh-CN', 'en']) {
      await page.selectOption('#lang-select', lang);
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      await page.waitForFunction(([id, text]) => document.querySelector(`li.card[data-id="${id}"] .as-chip--fragile`)?.textContent === text, ['m-baccarat-wine', expected[lang]]);
      const tip = card(page, 'm-baccarat-wine').locator('.as-tip').first();
      assert.ok((await tip.textContent()).startsWith(policyMessage('class.fragile', lang)), lang);
      if (lang === 'ja') {
        assert.equal(await page.locator('h1').textContent(), '検索結果');
        await shoot(page, 'badge-search-results-ja');
      }
    }
    // The choice is remembered on the next page.
    await page.selectOption('#lang-select', 'ru');
    await page.goto(`${store.url}product.html?id=a-wood-frame-a4`);
    await widgetsSettled(page);
    assert.equal(await page.locator('.as-chip--fragile').textContent(), 'Хрупкое — не покрывается');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a badge written as plain HTML attributes is screened, and custom properties restyle it', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}product.html?id=m-beams-shirt`);
    await widgetsSettled(page);
    await page.evaluate(() => {
      const badge = document.createElement('aftersales-badge');
      badge.id = 'plain';
      badge.setAttribute('listing-id', 'p1');
      badge.setAttribute('listing-title', 'Vintage porcelain vase, hand painted');
      badge.setAttribute('condition', 'second_hand');
      badge.setAttribute('with-title', '');
      document.querySelector('main').append(badge);
    });
    await page.waitForSelector('#plain[data-state="ready"]');
    assert.equal(await page.locator('#plain').getAttribute('data-fragile'), 'true');
    assert.ok((await page.locator('#plain mark').allTextContents()).includes('porcelain'));
    assert.equal(await page.locator('#plain .as-chip--second_hand_wear').count(), 1);
    const chip = page.locator('#plain .as-chip--fragile');
    assert.equal(await chip.evaluate((el) => getComputedStyle(el).color), 'rgb(180, 35, 24)');
    await page.evaluate(() => document.documentElement.style.setProperty('--aftersales-danger', '#7a0000'));
    assert.equal(await chip.evaluate((el) => getComputedStyle(el).color), 'rgb(122, 0, 0)');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});

test('a flag that rests on a hint reads "may be" and says what it rests on; a stated one reads as a verdict', async () => {
  const page = await openPage(store.browser);
  try {
    await page.goto(`${store.url}product.html?id=m-beams-shirt`);
    await widgetsSettled(page);
    await page.evaluate(() => {
      for (const [id, title, description] of [
        ['hint', 'スワロフスキー イーグル 置物', null],
        ['stated', 'ブルーフルーテッド プレート 19cm', '材質：磁器\nサイズ：19cm'],
        ['shipping', 'トートバッグ', '素材：綿\nガラス製品と同梱の場合はプチプチで梱包して発送します。'],
      ]) {
        const badge = document.createElement('aftersales-badge');
        badge.id = id;
        badge.setAttribute('listing-id', id);
        badge.setAttribute('listing-title', title);
        if (description) badge.setAttribute('description', description);
        document.querySelector('main').append(badge);
      }
    });
    for (const id of ['hint', 'stated', 'shipping']) await page.waitForSelector(`#${id}[data-state="ready"]`, { state: 'attached' });
    const hint = page.locator('#hint .as-chip--fragile');
    assert.equal(await hint.getAttribute('data-basis'), 'hint');
    assert.equal(await hint.textContent(), 'May be fragile — check the material');
    assert.ok((await page.locator('#hint .as-tip').textContent()).includes('Only a hint'));
    const stated = page.locator('#stated .as-chip--fragile');
    assert.equal(await stated.getAttribute('data-basis'), 'statement');
    assert.equal(await stated.textContent(), 'Fragile — not covered');
    assert.ok((await page.locator('#stated .as-tip').textContent()).includes('Stated in the description.'));
    // Packing talk in a description flags nothing.
    assert.equal(await page.locator('#shipping').getAttribute('data-fragile'), 'false');
    // A hint from the description does not also claim to be stated there.
    await page.evaluate(() => {
      const badge = document.createElement('aftersales-badge');
      badge.id = 'described-hint';
      badge.setAttribute('listing-id', 'described-hint');
      badge.setAttribute('listing-title', 'イーグル 置物');
      badge.setAttribute('description', '素材：スワロフスキー');
      document.querySelector('main').append(badge);
    });
    await page.waitForSelector('#described-hint[data-state="ready"]', { state: 'attached' });
    const tip = await page.locator('#described-hint .as-tip').textContent();
    assert.ok(tip.includes('Only a hint'), tip);
    assert.ok(!tip.includes('Stated in the description.'), tip);
    // A category code set after the first screening screens the listing again.
    await page.evaluate(() => {
      const badge = document.querySelector('#shipping');
      badge.setAttribute('marketplace', 'rakuten');
      badge.setAttribute('category-code', '301367');
    });
    await page.waitForSelector('#shipping[data-fragile="true"]', { state: 'attached' });
    assert.equal(await page.locator('#shipping .as-chip--fragile').getAttribute('data-basis'), 'category');
    await assertClean(page);
  } finally {
    await page.closeAll();
  }
});
