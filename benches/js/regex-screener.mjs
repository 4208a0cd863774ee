// The alternative (a) of the benchmark: the listing screener a storefront engineer would write
// by hand in plain JavaScript, from the SAME policy terms.
//
// One RegExp per class, built at start-up from `screening.classes.<class>.terms` of the policy
// document (every language joined with `|`, flags `iu`), and a second RegExp of the class's
// `exclude` terms and `unless` context words (`@name` read from `context_lists`): a class is
// flagged when its terms match the title or the description and its exclusions do not. The document's wildcards are read the simple
// way: `*` is dropped (a regex without \b already matches inside words), `#` becomes `\d`. There
// is no Unicode folding beyond the `i` flag (so ｸﾞﾗｽ does not match グラス), no word boundaries,
// no category rules and no spans or messages: it answers only "which classes", which is all a
// hand-written filter usually answers. With `{ nfkc: true }` the text is first normalized with
// `String.prototype.normalize('NFKC')` — the one-line fix such an engineer reaches for when
// half-width katakana slip through. It runs unchanged in Node and in the browser (no imports).

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const termText = (t) => (typeof t === 'string' ? t : t.term);

function toSource(term) {
  return escapeRegExp(term.replaceAll('*', '')).replaceAll('#', '\\d');
}

function alternation(terms) {
  const sources = [...new Set(terms.map(toSource).filter((s) => s !== ''))];
  return sources.length === 0 ? null : new RegExp(sources.join('|'), 'iu');
}

/** Compiles the screener from a parsed policy document (the JSON the crate ships). */
export function compileRegexScreener(policy, { nfkc = false } = {}) {
  const { screening } = policy;
  // `unless` words, with `@name` standing for a named list of them.
  const contextWords = (w) => (w.startsWith('@') ? screening.context_lists?.[w.slice(1)] ?? [] : [w]);
  const classes = Object.entries(screening.classes).map(([name, spec]) => {
    const terms = Object.values(spec.terms).flat();
    const exclusions = [
      ...Object.values(spec.exclude ?? {}).flat().map(termText),
      ...terms.flatMap((t) => (typeof t === 'string' ? [] : t.unless ?? []).flatMap(contextWords)),
    ];
    return { name, match: alternation(terms.map(termText)), exclude: alternation(exclusions) };
  });
  const outerBox = alternation(Object.values(screening.outer_box_terms).flat().map(termText));
  const outerBoxExclude = alternation(Object.values(screening.outer_box_exclude ?? {}).flat().map(termText));
  const nonCompensable = new Set(['cd_dvd_bd', 'paper_product']);

  /** Screens one listing: `{ id, classes, fragile, nonCompensable, outerBox }`. */
  function screen(listing) {
    const raw = listing.description ? `${listing.title}\n${listing.description}` : listing.title;
    const text = nfkc ? raw.normalize('NFKC') : raw;
    const hit = [];
    for (const c of classes) {
      if (c.match && c.match.test(text) && !(c.exclude && c.exclude.test(text))) hit.push(c.name);
    }
    return {
      id: listing.id,
      classes: hit,
      fragile: hit.includes('fragile'),
      nonCompensable: hit.some((c) => nonCompensable.has(c)),
      outerBox: outerBox ? outerBox.test(text) && !(outerBoxExclude && outerBoxExclude.test(text)) : false,
    };
  }

  return { screen, screenPage: (listings) => listings.map(screen) };
}
