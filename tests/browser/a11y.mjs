#!/usr/bin/env node
// Accessibility and smoke check of watwerkt's public pages in headless Chromium.
//
//   node tests/browser/a11y.mjs [BASE_URL]          (default http://127.0.0.1:8080)
//
// Visits home, the intervention list, a filtered list, one intervention, one theme,
// one werkzaam-element page and the search page (empty, with results and facets,
// with a chosen facet, and with a misspelling). Slugs are never hard-coded: the intervention is the
// first /interventies/{slug} link on the list, the werkzaam element the first
// /werkzame-elementen/ link on that intervention page, the theme the first /themas/
// link seen on any page visited before it (links inside <main> are preferred).
//
// Per page it asserts HTTP 200, an <h1> and the visible text "voorbeelddata"
// (the demo-content notice), and runs axe-core with the WCAG 2.0/2.1 A and AA rules.
// Any violation or failed assertion makes the exit code non-zero. The closing line
// is `browser: N passed, M failed` (pages).
//
// Env: SCREENSHOT_DIR   if set, a full-page PNG of each page is written there.
//      CHROMIUM_PATH    browser binary (default /usr/bin/chromium; never downloaded).
//      PAGE_TIMEOUT_MS  per navigation (default 30000).

import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BASE = (process.argv[2] || process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';
const PAGE_TIMEOUT_MS = Number(process.env.PAGE_TIMEOUT_MS || 30000);
const OVERALL_TIMEOUT_MS = Number(process.env.OVERALL_TIMEOUT_MS || 300000);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REQUIRED_TEXT = 'voorbeelddata';

// The flags the machines need (DESIGN.md §5; without the background-networking
// ones Chromium keeps trying to reach hosts this closed network refuses).
// Playwright adds --headless and --no-sandbox itself too; duplicates are harmless.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Pages in visiting order. `find` names the link to follow when there is no fixed path:
// `prefix` is the path prefix, `from` lists page names to search (in order; '*' = all visited).
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'interventies', path: '/interventies' },
  { name: 'interventies-thema', path: '/interventies?thema=eenzaamheid' },
  { name: 'interventie', find: { prefix: '/interventies/', from: ['interventies', 'interventies-thema', 'home'] } },
  { name: 'werkzaam-element', find: { prefix: '/werkzame-elementen/', from: ['interventie', '*'] } },
  { name: 'thema', find: { prefix: '/themas/', from: ['*'] } },
  { name: 'zoeken', path: '/zoeken' },
  { name: 'zoeken-resultaten', path: '/zoeken?q=eenzaamheid' },
  { name: 'zoeken-thema', path: '/zoeken?q=eenzaamheid&thema=eenzaamheid' },
  { name: 'zoeken-tikfout', path: '/zoeken?q=eenzaamhied&sorteer=niveau' },
  { name: 'dossiers', path: '/dossiers' },
  { name: 'dossier', find: { prefix: '/dossiers/', from: ['dossiers'] } },
  { name: 'dossier-versies', find: { prefix: '/dossiers/', from: ['dossier'], suffix: '/versies' } },
  { name: 'themadossier', path: '/themas/eenzaamheid' },
  { name: 'publicaties', path: '/publicaties' },
  { name: 'publicaties-gefilterd', path: '/publicaties?type=factsheet' },
  { name: 'publicatie', find: { prefix: '/publicaties/', from: ['publicaties'] } },
  { name: 'inloggen', path: '/inloggen' },
  { name: 'wachtwoord-vergeten', path: '/wachtwoord-vergeten' },
];

const watchdog = setTimeout(() => {
  console.error(`a11y: gave up after ${OVERALL_TIMEOUT_MS} ms`);
  console.log(`browser: 0 passed, ${PAGES.length} failed`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

/** Links on the current page, as same-origin paths (pathname + search): those inside
 *  <main> first (so a header or menu link is not mistaken for content), then the rest,
 *  each group in document order. */
async function collectLinks(page) {
  const hrefs = await page.$$eval('a[href]', (as) => {
    const inMain = (a) => a.closest('main, [role="main"]') !== null;
    return [...as.filter(inMain), ...as.filter((a) => !inMain(a))].map((a) => a.href);
  });
  const origin = new URL(BASE).origin;
  const out = [];
  for (const href of hrefs) {
    let u;
    try {
      u = new URL(href);
    } catch {
      continue;
    }
    if (u.origin !== origin) continue;
    out.push(u.pathname + u.search);
  }
  return out;
}

function findLink(find, visited) {
  const order = [];
  for (const from of find.from) {
    if (from === '*') order.push(...visited.keys());
    else if (visited.has(from)) order.push(from);
  }
  for (const name of order) {
    for (const link of visited.get(name) || []) {
      const path = link.split('?')[0];
      const suffixOk = !find.suffix || path.endsWith(find.suffix);
      if (path.startsWith(find.prefix) && path.length > find.prefix.length && suffixOk) return { link, on: name };
    }
  }
  return null;
}

async function checkPage(context, spec, url) {
  const result = { name: spec.name, url, title: '', h1: '', problems: [], violations: [], links: [] };
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(`script error: ${e && e.message ? e.message : e}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console error: ${m.text()}`);
  });
  page.on('response', (resp) => {
    if (resp.status() >= 400 && resp.url() !== url) pageErrors.push(`HTTP ${resp.status()} for ${resp.url()}`);
  });
  page.on('requestfailed', (req) => pageErrors.push(`request failed: ${req.url()} (${req.failure()?.errorText || '?'})`));
  try {
    let response;
    try {
      response = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
    } catch (e) {
      result.problems.push(`navigation failed: ${e.message.split('\n')[0]}`);
      return result;
    }
    const status = response ? response.status() : 0;
    if (status !== 200) result.problems.push(`HTTP status ${status}, expected 200`);

    result.title = (await page.title()).trim();
    const h1s = await page.$$eval('h1', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
    result.h1 = h1s[0] || '';
    if (h1s.length === 0) result.problems.push('no <h1> on the page');
    else if (!result.h1) result.problems.push('<h1> is empty');

    const texts = await page.evaluate(() => ({
      visible: document.body ? document.body.innerText : '',
      all: document.documentElement.textContent || '',
    }));
    if (!texts.visible.toLowerCase().includes(REQUIRED_TEXT)) {
      result.problems.push(
        texts.all.toLowerCase().includes(REQUIRED_TEXT)
          ? `"${REQUIRED_TEXT}" is in the markup but not visible`
          : `text "${REQUIRED_TEXT}" not found on the page`,
      );
    }

    result.links = await collectLinks(page);

    if (SCREENSHOT_DIR) {
      const file = join(SCREENSHOT_DIR, `${String(PAGES.indexOf(spec) + 1).padStart(2, '0')}-${spec.name}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true });
        result.screenshot = file;
      } catch (e) {
        console.error(`  (screenshot failed: ${e.message.split('\n')[0]})`);
      }
    }

    try {
      await page.addScriptTag({ content: axe.source });
      const axeResult = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return {
          incomplete: r.incomplete.map((v) => `${v.id} (${v.nodes.length}+ node${v.nodes.length === 1 ? '' : 's'}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({
              target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(', '),
              html: n.html,
              summary: n.failureSummary || '',
            })),
          })),
        };
      }, AXE_TAGS);
      result.violations = axeResult.violations;
      result.incomplete = axeResult.incomplete;
    } catch (e) {
      result.problems.push(`axe-core could not run: ${e.message.split('\n')[0]}`);
    }
  } finally {
    result.pageErrors = pageErrors;
    await page.close().catch(() => {});
  }
  return result;
}

function clip(s, n) {
  s = String(s).replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function report(r) {
  const ok = r.problems.length === 0 && r.violations.length === 0;
  console.log(`\n[${ok ? 'PASS' : 'FAIL'}] ${r.name}: ${r.url}`);
  console.log(`  title: ${r.title ? clip(r.title, 120) : '(none)'}`);
  console.log(`  h1:    ${r.h1 ? clip(r.h1, 120) : '(none)'}`);
  if (r.screenshot) console.log(`  screenshot: ${r.screenshot}`);
  for (const p of r.problems) console.log(`  ASSERTION FAILED: ${p}`);
  for (const e of r.pageErrors || []) console.log(`  (note: ${clip(e, 200)})`);
  if (r.violations.length === 0 && !r.problems.some((p) => p.startsWith('navigation') || p.startsWith('axe'))) {
    console.log(`  axe: no violations (${AXE_TAGS.join(', ')})`);
  }
  if (r.incomplete && r.incomplete.length) console.log(`  axe needs review (not failing): ${r.incomplete.join('; ')}`);
  for (const v of r.violations) {
    console.log(`  axe violation: ${v.id} [${v.impact}] ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`);
    console.log(`    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 10)) {
      console.log(`    - target: ${n.target}`);
      console.log(`      html:   ${clip(n.html, 200)}`);
      for (const line of n.summary.split('\n').filter(Boolean).slice(0, 4)) console.log(`      ${clip(line, 200)}`);
    }
    if (v.nodes.length > 10) console.log(`    … and ${v.nodes.length - 10} more node(s)`);
  }
  return ok;
}

async function main() {
  console.log(`a11y: checking ${BASE} with ${CHROMIUM} (axe-core ${axe.version}, tags ${AXE_TAGS.join(',')})`);
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const userDataDir = mkdtempSync(join(tmpdir(), 'watwerkt-chromium-'));
  let context;
  let passed = 0;
  let failed = 0;
  try {
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 900 },
        locale: 'nl-NL',
        timeout: 60000,
      });
    } catch (e) {
      console.error(`a11y: could not start Chromium at ${CHROMIUM}: ${e.message}`);
      console.log(`\nbrowser: 0 passed, ${PAGES.length} failed`);
      return 1;
    }
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);

    const visited = new Map(); // page name -> links on it
    for (const spec of PAGES) {
      let url;
      if (spec.path) {
        url = BASE + spec.path;
      } else {
        const found = findLink(spec.find, visited);
        if (!found) {
          const where = spec.find.from.map((f) => (f === '*' ? 'any visited page' : f)).join(', ');
          console.log(`\n[FAIL] ${spec.name}: no link starting with ${spec.find.prefix} found on ${where}`);
          failed += 1;
          continue;
        }
        url = BASE + found.link;
        console.log(`\n(${spec.name}: following first ${spec.find.prefix} link on "${found.on}": ${found.link})`);
      }
      const r = await checkPage(context, spec, url);
      visited.set(spec.name, r.links);
      if (report(r)) passed += 1;
      else failed += 1;
    }
  } finally {
    if (context) await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(`\nbrowser: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`a11y: unexpected error: ${e && e.stack ? e.stack : e}`);
    console.log(`browser: 0 passed, ${PAGES.length} failed`);
    process.exit(1);
  },
);
