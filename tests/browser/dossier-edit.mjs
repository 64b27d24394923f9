#!/usr/bin/env node
// A redacteur edits and publishes a Wat Werkt-dossier in headless Chromium.
//
//   DOSSIER_BIN=target/release/watwerkt DOSSIER_DATA_DIR=<the server's data dir> \
//     node tests/browser/dossier-edit.mjs [BASE_URL]
//
// Steps: a redacteur is invited with `watwerkt uitnodigen` (the link is printed,
// no mail needed) and accepts; opens the redactie's list of dossiers due for
// review; edits the first one in its file form (new review date, a changed claim);
// looks at the preview; publishes (version +1); sees the new text and the diff
// between the versions; then a second tab that started from the old version tries
// to publish and is refused ("iemand anders heeft intussen ... gepubliceerd") with
// nothing changed; finally uploads a PDF to a publication (and a fake one, refused).
// axe-core (WCAG 2.0/2.1 A and AA) runs on every page type; any violation fails.
//
// Env: DOSSIER_BIN, DOSSIER_DATA_DIR  (or JOURNEY_BIN, JOURNEY_DATA_DIR)
//      CHROMIUM_PATH, SCREENSHOT_DIR, PAGE_TIMEOUT_MS

import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE = (process.argv[2] || process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const BIN = process.env.DOSSIER_BIN || process.env.JOURNEY_BIN || '';
const DATA_DIR = process.env.DOSSIER_DATA_DIR || process.env.JOURNEY_DATA_DIR || '';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';
const PAGE_TIMEOUT_MS = Number(process.env.PAGE_TIMEOUT_MS || 30000);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'een lang genoeg wachtwoord 2026';
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

const failures = [];
const checked = new Map();
let steps = 0;

function fail(message) {
  throw new Error(message);
}
function expect(cond, message) {
  if (!cond) fail(message);
}
function step(text) {
  steps += 1;
  console.log(`  ${String(steps).padStart(2, '0')}. ${text}`);
}

async function axeCheck(page, type) {
  if (checked.has(type)) return;
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }, AXE_TAGS);
  checked.set(type, violations.length);
  if (SCREENSHOT_DIR) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `dossier-edit-${checked.size}-${type}.png`), fullPage: true }).catch(() => {});
  }
  console.log(`      axe ${type}: ${violations.length} violations`);
  for (const v of violations) console.log(`        - ${v}`);
  if (violations.length) failures.push(`axe on ${type}: ${violations.join('; ')}`);
}

async function visit(page, path, type) {
  const resp = await page.goto(path.startsWith('http') ? path : BASE + path, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
  expect(resp && resp.status() === 200, `GET ${path}: HTTP ${resp && resp.status()}`);
  if (type) await axeCheck(page, type);
}

async function submit(page, selector) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: PAGE_TIMEOUT_MS }),
    page.click(selector),
  ]);
  return resp ? resp.status() : 0;
}

function inviteRedacteur(email) {
  expect(BIN && DATA_DIR, 'DOSSIER_BIN and DOSSIER_DATA_DIR (or JOURNEY_*) are needed to invite the redacteur');
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('WATWERKT_')) delete env[k];
  env.WATWERKT_DATA_DIR = DATA_DIR;
  env.WATWERKT_BASE_URL = BASE;
  const out = execFileSync(
    BIN,
    ['uitnodigen', '--email', email, '--rol', 'redacteur', '--naam', 'Rik Redactie', '--organisatie', 'Kennisinstituut'],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const m = /https?:\/\/\S*\/uitnodiging\/\S+/.exec(out);
  expect(m, `the invite command printed no link: ${out}`);
  return m[0];
}

/** A tiny valid PDF. */
function pdfBytes() {
  const body = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  return Buffer.from(body, 'latin1');
}

async function run(browser) {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);

  const link = inviteRedacteur(`redacteur-${Date.now()}@voorbeeld.example`);
  await visit(page, link, 'uitnodiging');
  await page.fill('#wachtwoord', PASSWORD);
  await page.fill('#herhaling', PASSWORD);
  let status = await submit(page, '.ww-invitation-form button[type=submit]');
  expect(status === 200, `accepting the invitation: HTTP ${status}`);
  step('redacteur invited with `watwerkt uitnodigen` and signed in');

  await visit(page, '/redactie/dossiers', 'redactie-dossiers');
  const editHref = await page.locator('.ww-review-table a[href$="/bewerken"]').first().getAttribute('href');
  expect(editHref, 'the redactie list shows no dossier to edit');
  const slug = editHref.split('/')[2];
  step(`the redactie list shows dossiers due for review; editing ${slug}`);

  await visit(page, editHref, 'dossier-bewerken');
  const original = await page.inputValue('#tekst');
  const version = Number(await page.inputValue('input[name=versie]'));
  const claim = /- tekst: (.+)/.exec(original);
  expect(claim, 'no claim in the dossier text');
  const newClaim = `${claim[1]} (herzien door de redactie)`;
  const edited = original
    .replace(claim[0], `- tekst: ${newClaim}`)
    .replace(/herzien_voor: \d{4}-\d{2}-\d{2}/, 'herzien_voor: 2099-01-01');
  expect(edited !== original, 'the edit changed nothing');

  // A second tab opens the editor on the same version (used for the stale edit below).
  const other = await context.newPage();
  await visit(other, editHref);

  await page.fill('#tekst', edited);
  status = await submit(page, 'button[name=actie][value=voorbeeld]');
  expect(status === 200, `preview: HTTP ${status}`);
  await axeCheck(page, 'dossier-voorbeeld');
  expect(await page.locator('.ww-preview-notice').count() === 1, 'the preview has no preview notice');
  expect((await page.locator('.ww-claim__text').allInnerTexts()).includes(newClaim), 'the preview lacks the changed claim');
  step('preview shows the changed claim');

  status = await submit(page, '.ww-publish-form button[name=actie][value=publiceren]');
  expect(status === 200, `publish: HTTP ${status}`);
  expect(new URL(page.url()).pathname === `/dossiers/${slug}`, `after publishing we are on ${page.url()}`);
  const kind = await page.locator('.ww-kind').innerText();
  expect(kind.includes(`versie ${version + 1}`), `the dossier page says "${kind}", expected version ${version + 1}`);
  expect((await page.locator('.ww-claim__text').allInnerTexts()).includes(newClaim), 'the published page lacks the changed claim');
  expect(await page.locator('.ww-review--due').count() === 0, 'still marked "wordt geactualiseerd" after a new review date');
  step(`published as version ${version + 1}; no longer "wordt geactualiseerd"`);

  await visit(page, `/dossiers/${slug}/versies`, 'dossier-versies');
  status = await submit(page, `a[href*="van=${version}&naar=${version + 1}"]`);
  expect(status === 200, `diff: HTTP ${status}`);
  await axeCheck(page, 'dossier-verschillen');
  const added = (await page.locator('.ww-diff__added ins').allInnerTexts()).join('\n');
  expect(added.includes('(herzien door de redactie)'), `the diff does not show the added text: ${added}`);
  step('the version history shows what changed');

  // The stale tab still says "based on version N": publishing is refused, nothing changes.
  await other.fill('#tekst', original.replace(claim[0], `- tekst: ${claim[1]} (verouderde bewerking)`));
  status = await submit(other, 'button[name=actie][value=publiceren]');
  expect(status === 409, `stale publish: HTTP ${status}, expected 409`);
  const error = await other.locator('.ww-form-error__text').innerText();
  expect(/iemand anders heeft intussen versie \d+ gepubliceerd/.test(error), `stale publish message: ${error}`);
  await visit(other, `/dossiers/${slug}`);
  expect(!(await other.locator('.ww-claim__text').allInnerTexts()).some((t) => t.includes('verouderde bewerking')), 'the stale edit was published');
  step('a stale edit is refused with "iemand anders heeft intussen … gepubliceerd"; nothing changed');

  // A PDF for a publication: a fake one is refused, a real one is served.
  await visit(page, '/publicaties', 'publicaties');
  const pubHref = await page.locator('.ww-publications__title a').first().getAttribute('href');
  await visit(page, `${pubHref}/bijlage`, 'bijlage-uploaden');
  await page.setInputFiles('#bestand', { name: 'nep.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ geen pdf') });
  status = await submit(page, '.ww-upload button[type=submit]');
  expect(status === 400, `fake PDF: HTTP ${status}, expected 400`);
  const refusal = await page.locator('.ww-form-error__text').innerText();
  expect(refusal.includes('%PDF-'), `fake PDF message: ${refusal}`);
  await page.setInputFiles('#bestand', { name: 'nieuwe versie.pdf', mimeType: 'application/pdf', buffer: pdfBytes() });
  status = await submit(page, '.ww-upload button[type=submit]');
  expect(status === 200, `upload: HTTP ${status}`);
  const download = await page.locator('.ww-publication__attachment a').getAttribute('href');
  const resp = await page.request.get(BASE + download);
  expect(resp.status() === 200 && resp.headers()['content-type'] === 'application/pdf', `download: HTTP ${resp.status()}`);
  expect((await resp.body()).equals(pdfBytes()), 'the downloaded file differs from the upload');
  step('a fake PDF is refused; a real one is uploaded and downloads unchanged');
  await context.close();
}

async function main() {
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    await run(browser);
  } catch (e) {
    failures.push(e.message.split('\n')[0]);
    console.error(`  FAILED: ${e.message}`);
  } finally {
    await browser.close().catch(() => {});
  }
  console.log(`dossier-edit: ${steps} steps; axe on ${checked.size} page types (${[...checked.keys()].join(', ')})`);
  if (failures.length) {
    console.log(`dossier-edit: FAILED (${failures.length})`);
    for (const f of failures) console.log(`  - ${f}`);
    process.exit(1);
  }
  console.log('dossier-edit: OK, 0 axe violations');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
