// widgets/module.js in the npm package: the widgets import the module through the package's own
// name (a package may import itself by its `exports`), so that a bundler resolves, bundles and
// fingerprints it and its .wasm like any dependency. In www/ the demo's own version of this file
// imports ../pkg/ instead.

/** Imports the module's glue; its default export fetches and instantiates the .wasm. */
export const loadModule = () => import('aftersales');

/** The screening half (no `judge`): for pages whose widgets only screen. */
export const loadScreeningModule = () => import('aftersales/screen');

/** The full build, with `Checker.withPolicy` and `addPolicy`. */
export const loadFullModule = () => import('aftersales/full');
