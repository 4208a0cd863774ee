// widgets/module.js: where the widgets get the wasm module from.
//
// Here, in the demo (www/, served as it is, no bundler), it is the web build beside the widgets
// in ../pkg/ (built by .ci/build-wasm). The npm package ships www/npm/module.js in this file's
// place, which imports the module by the package's own name, so that a bundler resolves, bundles
// and fingerprints it (and its .wasm, found by the glue with `new URL(…, import.meta.url)`) like
// any dependency. Either way the import runs on the first widget that needs the module.

/** Imports the module's glue; its default export fetches and instantiates the .wasm. */
export const loadModule = () => import('../pkg/aftersales.js');

/**
 * The screening half of the storefront build (no `judge`): what a page whose widgets only
 * screen (badges, the checkout pre-check) loads, 21 KB lighter gzipped than the whole.
 */
export const loadScreeningModule = () => import('../pkg-screen/aftersales.js');

/**
 * The full build, which can also load a policy at run time (`Checker.withPolicy`,
 * `addPolicy`): for the operator's policy-change page. Storefront pages use `loadModule`.
 */
export const loadFullModule = () => import('../pkg-full/aftersales.js');
