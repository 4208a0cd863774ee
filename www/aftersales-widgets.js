// aftersales-widgets.js: one module script that defines all three storefront widgets.
//
//   <link rel="stylesheet" href="aftersales.css">
//   <script type="module" src="aftersales-widgets.js"></script>
//   <aftersales-badge href="/item/m1"></aftersales-badge>   → badge.listing = { id, title, … }
//   <aftersales-precheck></aftersales-precheck>             → precheck.items = [{ listing, quantity }]
//   <aftersales-claim></aftersales-claim>                   → claim.order = { id, signed_at, items }
//
// The wasm module is loaded from where widgets/module.js says: ./pkg/ here (built by
// .ci/build-wasm), the package itself in the npm package (`import "aftersales/widgets"`).

export { AftersalesBadge } from './widgets/badge.js';
export { AftersalesPrecheck } from './widgets/precheck.js';
export { AftersalesClaim, fromLocalInput, toLocalInput } from './widgets/claim.js';
export { LOCALES, negotiate } from './widgets/runtime.js';
