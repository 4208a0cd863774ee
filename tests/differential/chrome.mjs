// Replays cases.jsonl through the web build of the module (pkg/web) in headless Chromium, served
// from 127.0.0.1 by a tiny static server, and prints `chrome: N passed, M failed`.
//   node tests/differential/chrome.mjs [target/differential/cases.jsonl]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cases = process.argv[2] ?? `${root}target/differential/cases.jsonl`;
const { chromium } = createRequire(`${root}tests/package.json`)("playwright-core");

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const ROUTES = {
  "/pkg/": join(root, "pkg/web/"),
  "/run-cases.mjs": join(root, "tests/differential/run-cases.mjs"),
  "/cases.jsonl": cases,
};
const PAGE = "<!doctype html><meta charset=utf-8><title>differential</title>";

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    return;
  }
  for (const [prefix, target] of Object.entries(ROUTES)) {
    if (url.pathname === prefix || (prefix.endsWith("/") && url.pathname.startsWith(prefix))) {
      const rest = normalize(url.pathname.slice(prefix.length));
      if (rest.startsWith("..")) break;
      try {
        const body = await readFile(prefix.endsWith("/") ? join(target, rest) : target);
        res.writeHead(200, { "content-type": TYPES[extname(url.pathname)] ?? "text/plain; charset=utf-8" });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
  }
  res.writeHead(404).end();
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update"],
});
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.log("page error:", e.message));
  await page.goto(`${base}/`);
  const started = Date.now();
  const r = await page.evaluate(async () => {
    const { default: init, Checker } = await import("/pkg/aftersales.js");
    await init();
    const { runAll } = await import("/run-cases.mjs");
    const text = await (await fetch("/cases.jsonl")).text();
    return runAll(Checker, text);
  });
  const version = browser.version();
  for (const f of r.failures) console.log("FAIL", JSON.stringify(f));
  console.log(`chrome ${version}: ${JSON.stringify(r.byMethod)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`chrome: ${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed === 0 && r.passed > 0 ? 0 : 1;
} finally {
  await browser.close();
  server.close();
}
