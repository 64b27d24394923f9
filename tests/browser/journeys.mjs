#!/usr/bin/env node
// The erkenningstraject end to end in headless Chromium, against a running
// `watwerkt serve` whose mail goes to a real SMTP sink (aiosmtpd, Maildir).
//
//   node tests/browser/journeys.mjs BASE_URL
//
// Journey 1: a beheerder (made with the CLI `uitnodigen` command) invites a
//   coördinator and an owner by e-mail; they accept from the mail; the
//   coördinator invites three praktijkbeoordelaars; the owner writes and submits
//   a werkblad; the coördinator assigns the three; each reviews (told by mail);
//   the decision is published; the public page shows the badge, the date and
//   the summary.
// Journey 2: onder voorbehoud → the owner sends additions → erkend, then the
//   owner objects (bezwaar) and the coördinator handles it.
// axe-core (WCAG 2.0/2.1 A+AA) runs on every page type of the erkenningstraject
// (and the account pages on the way); any violation fails the run.
//
// Env: MAILDIR           the sink's Maildir (required)
//      JOURNEY_BIN       the watwerkt binary (for `uitnodigen`), JOURNEY_DATA_DIR its data dir
//      CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//      SCREENSHOT_DIR    if set, a PNG of each checked page type is written there
//      PAGE_TIMEOUT_MS   per navigation (default 30000)

import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE = (process.argv[2] || process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
const MAILDIR = process.env.MAILDIR || '';
const BIN = process.env.JOURNEY_BIN || '';
const DATA_DIR = process.env.JOURNEY_DATA_DIR || '';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || '';
const PAGE_TIMEOUT_MS = Number(process.env.PAGE_TIMEOUT_MS || 30000);
const OVERALL_TIMEOUT_MS = Number(process.env.OVERALL_TIMEOUT_MS || 600000);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PASSWORD = 'een lang genoeg wachtwoord 2026';
const RUN = Date.now().toString(36);

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

const watchdog = setTimeout(() => {
  console.error(`journeys: gave up after ${OVERALL_TIMEOUT_MS} ms`);
  process.exit(2);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

const failures = [];
const checkedTypes = new Map(); // page type -> violations count
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

// ---- mail from the Maildir -------------------------------------------------

function decodeQuotedPrintable(s) {
  const bytes = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(v) {
  return v.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc, data) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  ).replace(/\?=\s+=\?/g, '');
}

/** One message: headers (lower-case names, unfolded) and the decoded plain-text body. */
function parseMessage(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  let body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const type = headers['content-type'] || '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type);
  if (boundary) {
    const parts = body.split(`--${boundary[1]}`);
    const plain = parts.find((p) => /content-type:\s*text\/plain/i.test(p)) || parts[1] || '';
    const inner = parseMessage(plain.replace(/^\r?\n/, ''));
    return { headers, subject: decodeHeader(headers.subject || ''), body: inner.body };
  }
  const cte = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') body = decodeQuotedPrintable(body);
  return { headers, subject: decodeHeader(headers.subject || ''), body };
}

const seenMail = new Set();

function readMaildir() {
  const out = [];
  for (const sub of ['new', 'cur']) {
    const dir = join(MAILDIR, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const file = join(dir, f);
      out.push({ file, ...parseMessage(readFileSync(file, 'utf8')) });
    }
  }
  return out;
}

/** Waits for an unseen mail to `to` whose subject contains `subject`. */
async function mailTo(to, subject, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const m of readMaildir()) {
      if (seenMail.has(m.file)) continue;
      const rcpt = `${m.headers.to || ''} ${m.headers['x-rcptto'] || ''}`.toLowerCase();
      if (rcpt.includes(to.toLowerCase()) && m.subject.includes(subject)) {
        seenMail.add(m.file);
        return m;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`no mail to ${to} with "${subject}" within ${timeoutMs} ms (the sink has ${readMaildir().length})`);
}

function linkIn(mail, path) {
  const m = new RegExp(`https?://[^\\s>]*${path}[^\\s>]*`).exec(mail.body);
  expect(m, `no link with ${path} in the mail "${mail.subject}"`);
  return m[0];
}

// ---- pages -----------------------------------------------------------------

async function axeCheck(page, type) {
  if (checkedTypes.has(type)) return;
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }, AXE_TAGS);
  checkedTypes.set(type, violations.length);
  if (SCREENSHOT_DIR) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `journey-${checkedTypes.size}-${type}.png`), fullPage: true }).catch(() => {});
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

/** Clicks a submit button and waits for the page it leads to; returns its status. */
async function submit(page, selector) {
  const [resp] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: PAGE_TIMEOUT_MS }),
    page.click(selector),
  ]);
  return resp ? resp.status() : 0;
}

async function noticeText(page) {
  return (await page.locator('.ww-notice, .utrecht-alert--error').allInnerTexts()).join(' ');
}

async function expectOk(page, status, what) {
  if (status !== 200) fail(`${what}: HTTP ${status} ${await noticeText(page)}`);
}

// ---- people ----------------------------------------------------------------

async function person(browser, name) {
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  return { name, context, page };
}

/** Accepts the invitation `link` in the person's browser; signed in afterwards. */
async function accept(p, link) {
  await visit(p.page, link, 'uitnodiging');
  await p.page.fill('#wachtwoord', PASSWORD);
  await p.page.fill('#herhaling', PASSWORD);
  const status = await submit(p.page, '.ww-invitation-form button[type=submit]');
  await expectOk(p.page, status, `${p.name} accepts the invitation`);
}

/** Invites someone through /beheer/gebruikers and has them accept from the mail. */
async function invite(browser, inviter, { email, name, organisation, role }) {
  await visit(inviter.page, '/beheer/gebruikers', 'gebruikers');
  await inviter.page.fill('#email', email);
  await inviter.page.fill('#naam', name);
  await inviter.page.fill('#organisatie', organisation);
  await inviter.page.check(`#rol-${role}`);
  const status = await submit(inviter.page, '.ww-invite-form button[type=submit]');
  await expectOk(inviter.page, status, `invite ${email}`);
  const mail = await mailTo(email, '');
  const p = await person(browser, name);
  p.email = email;
  await accept(p, linkIn(mail, '/uitnodiging/'));
  step(`${name} (${role}) invited by e-mail and signed in`);
  return p;
}

function bootstrapAdmin(email) {
  expect(BIN && DATA_DIR, 'JOURNEY_BIN and JOURNEY_DATA_DIR are needed to invite the first beheerder');
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('WATWERKT_')) delete env[k];
  env.WATWERKT_DATA_DIR = DATA_DIR;
  env.WATWERKT_BASE_URL = BASE;
  const out = execFileSync(
    BIN,
    ['uitnodigen', '--email', email, '--rol', 'beheerder', '--naam', 'Bea Beheer', '--organisatie', 'Kennisinstituut'],
    { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const m = /https?:\/\/\S*\/uitnodiging\/\S+/.exec(out);
  expect(m, `the invite command printed no link: ${out}`);
  return m[0];
}

// ---- the workflow steps ----------------------------------------------------

async function newIntervention(owner, title) {
  await visit(owner.page, '/mijn/interventies', 'mijn-interventies');
  await owner.page.fill('#titel', title);
  await owner.page.selectOption('#thema', 'eenzaamheid');
  await owner.page.selectOption('#niveau-nieuw', 'goed-beschreven');
  const status = await submit(owner.page, 'form[action="/mijn/interventies/nieuw"] button[type=submit]');
  await expectOk(owner.page, status, `new intervention ${title}`);
  expect(owner.page.url().endsWith('/werkblad'), `expected the werkblad, got ${owner.page.url()}`);
  await axeCheck(owner.page, 'werkblad');
  return owner.page.url().split('/mijn/interventies/')[1].split('/')[0];
}

async function writeAndSubmit(owner, slug) {
  const page = owner.page;
  await visit(page, `/mijn/interventies/${slug}/werkblad`);
  await page.fill('#hoofddoel', 'Minder eenzaamheid onder ouderen in de wijk.');
  const texts = {
    samenvatting: 'Buurtbewoners bezoeken eenzame ouderen en brengen hen in contact met elkaar.',
    probleemomschrijving: 'Veel ouderen in de wijk zien weinig mensen.',
    doelgroep: 'Thuiswonende ouderen vanaf 70 jaar.',
    aanpak: 'Vrijwilligers bezoeken wekelijks; eens per maand is er een buurtmaaltijd.',
    onderbouwing: 'Contact met buren vergroot het netwerk en het gevoel erbij te horen.',
    materialen: 'Een handleiding voor vrijwilligers en een werkmap.',
  };
  for (const [code, text] of Object.entries(texts)) await page.fill(`#sectie-${code}`, text);
  // Submitting without the inclusion criteria is refused with a clear message.
  let status = await submit(page, 'button[name=actie][value=indienen]');
  expect(status === 422, `submit without inclusion: expected 422, got ${status}`);
  expect((await noticeText(page)).includes('toelatingscriteria'), 'the refusal names the inclusion criteria');
  await axeCheck(page, 'werkblad-geweigerd');
  await page.check('#eigenaar');
  await page.fill('#plaatsen', '3');
  await page.check('#handleiding');
  status = await submit(page, 'button[name=actie][value=indienen]');
  await expectOk(page, status, 'submit the werkblad');
  const stage = (await page.locator('.ww-traject-facts .ww-stage').innerText()).trim();
  expect(stage === 'ingediend', `after submitting the stage is "${stage}"`);
  const link = await page.locator('.ww-traject-facts a[href^="/erkenning/"]').getAttribute('href');
  return link.split('/').pop();
}

async function assign(coordinator, id, reviewers) {
  const page = coordinator.page;
  await visit(page, '/erkenning', 'erkenning-wachtrij');
  expect(await page.locator(`.ww-queue a[href="/erkenning/${id}"]`).count() === 1, `traject ${id} in the queue`);
  await visit(page, `/erkenning/${id}`, 'erkenningstraject-toewijzen');
  await page.fill('#ronde', '2026-3');
  for (const r of reviewers) {
    // The candidate's checkbox and the declaration of no conflict of interest.
    const label = page.locator('label[for^="beoordelaar-"]', { hasText: r.name }).first();
    const forId = await label.getAttribute('for');
    await page.check(`#${forId}`);
    await page.check(`#${forId.replace('beoordelaar-', 'verklaring-')}`);
  }
  const status = await submit(page, 'form[action$="/toewijzen"] button[type=submit]');
  await expectOk(page, status, 'assign reviewers');
  const stage = (await page.locator('.ww-traject-facts .ww-stage').innerText()).trim();
  expect(stage === 'in beoordeling', `after assigning the stage is "${stage}"`);
}

async function review(reviewer, id, verdict, motivation, { firstMail } = {}) {
  const page = reviewer.page;
  if (firstMail) {
    const mail = await mailTo(reviewer.email, 'Verzoek om te beoordelen');
    expect(linkIn(mail, `/beoordelen/${id}`), 'the mail links to the review');
  }
  await visit(page, '/beoordelen', 'beoordelen-overzicht');
  await visit(page, `/beoordelen/${id}`, 'beoordelen-formulier');
  const n = await page.locator('.ww-criterion').count();
  expect(n > 0, 'a checklist to score');
  for (let i = 0; i < n; i++) {
    await page.check(`#criterium-${i}-ja`);
    await page.fill(`#motivering-${i}`, `In orde (${i + 1}).`);
  }
  await page.check(`#oordeel-${verdict}`);
  await page.fill('#motivering', motivation);
  await page.check('#geen-belangenconflict');
  const status = await submit(page, '.ww-score-form button[type=submit]');
  await expectOk(page, status, `${reviewer.name} reviews`);
  expect(await page.locator('#uw-beoordeling').count() === 1, 'the own review is shown');
  await visit(page, `/erkenning/${id}`, 'erkenningstraject-beoordelaar');
  expect(await page.locator('.ww-audit').count() === 0, 'a reviewer does not see the history');
}

async function decide(coordinator, id, choice, { summary = '', additions = '' } = {}) {
  const page = coordinator.page;
  await visit(page, `/erkenning/${id}`, 'erkenningstraject-besluit');
  await page.check(`#besluit-${choice}`);
  if (additions) await page.fill('#aanvullingen', additions);
  await page.fill('#samenvatting', summary);
  const status = await submit(page, 'form[action$="/besluit"] button[type=submit]');
  await expectOk(page, status, `decide ${choice}`);
}

async function publicPage(visitor, slug) {
  await visit(visitor.page, `/interventies/${slug}`, 'interventie-met-besluit');
  const page = visitor.page;
  return {
    label: (await page.locator('.ww-rating-box .ww-rating__label').innerText()).trim(),
    until: await page.locator('.ww-rating-box .ww-validity time').getAttribute('datetime'),
    decided: await page.locator('.ww-rating-box p', { hasText: 'Besloten op' }).locator('time').first().getAttribute('datetime'),
    summaries: (await page.locator('.ww-decision-summary').allInnerTexts()).map((s) => s.trim()),
  };
}

// ---- the journeys ------------------------------------------------------------

async function journeyOne(browser, cast) {
  console.log('journey 1: invitation → werkblad → three assessors → published');
  const admin = await person(browser, 'Bea Beheer');
  await accept(admin, bootstrapAdmin(`beheer-${RUN}@watwerkt.test`));
  step('beheerder made with `watwerkt uitnodigen` and signed in');
  cast.coordinator = await invite(browser, admin, {
    email: `coordinator-${RUN}@watwerkt.test`, name: 'Cor Coördinator', organisation: 'Kennisinstituut', role: 'coordinator',
  });
  cast.owner = await invite(browser, admin, {
    email: `eigenaar-${RUN}@watwerkt.test`, name: 'Olga Eigenaar', organisation: 'Stichting Buurtkracht', role: 'eigenaar',
  });
  cast.assessors = [];
  for (const [i, org] of ['Gemeente Oost', 'Welzijn West', 'Zorg Zuid'].entries()) {
    cast.assessors.push(await invite(browser, cast.coordinator, {
      email: `beoordelaar${i + 1}-${RUN}@watwerkt.test`, name: `Beoordelaar ${i + 1} ${RUN}`, organisation: org, role: 'beoordelaar',
    }));
  }
  const slug = await newIntervention(cast.owner, `Samen Sterk ${RUN}`);
  const id = await writeAndSubmit(cast.owner, slug);
  step(`werkblad of ${slug} submitted (traject ${id})`);
  await mailTo(`coordinator-${RUN}@watwerkt.test`, 'is ingediend');
  step('the coördinator is told by e-mail');
  await assign(cast.coordinator, id, cast.assessors);
  step('three praktijkbeoordelaars assigned');
  for (const [i, a] of cast.assessors.entries()) {
    await review(a, id, i === 2 ? 'niet-erkennen' : 'erkennen', `Motivering van ${a.name}.`, { firstMail: true });
  }
  step('three reviews handed in');
  // Rejecting while two of three recognise is refused.
  await visit(cast.coordinator.page, `/erkenning/${id}`);
  await cast.coordinator.page.check('#besluit-niet-erkennen');
  const refused = await submit(cast.coordinator.page, 'form[action$="/besluit"] button[type=submit]');
  expect(refused === 422, `a decision against the rule: expected 422, got ${refused}`);
  expect((await noticeText(cast.coordinator.page)).includes('2 van 3'), 'the refusal says 2 van 3');
  step('"niet erkennen" against the majority is refused');
  const summary = `De praktijkbeoordelaars vinden ${slug} helder beschreven en overdraagbaar.`;
  await decide(cast.coordinator, id, 'erkennen', { summary });
  step('decision recorded: erkend');
  await mailTo(`eigenaar-${RUN}@watwerkt.test`, 'Besluit erkenning');
  const visitor = await person(browser, 'bezoeker');
  const shown = await publicPage(visitor, slug);
  expect(shown.label === 'Goed beschreven', `public badge "${shown.label}"`);
  const today = new Date().toISOString().slice(0, 10);
  expect(shown.decided === today, `public decision date ${shown.decided}, expected ${today}`);
  expect(shown.until && shown.until > today, `public "erkend tot" ${shown.until}`);
  expect(shown.summaries.includes(summary), `public summary: ${JSON.stringify(shown.summaries)}`);
  step(`public page shows the badge, ${shown.decided}, erkend tot ${shown.until} and the summary`);
  await visit(cast.coordinator.page, '/audit', 'auditlog');
  expect(await cast.coordinator.page.locator('.ww-audit tbody tr').count() >= 8, 'the audit log has the steps');
  step('the audit log lists the steps');
  await visitor.context.close();
  await admin.context.close();
}

async function journeyTwo(browser, cast) {
  console.log('journey 2: onder voorbehoud → additions → erkend, and an appeal');
  const slug = await newIntervention(cast.owner, `Buurtkracht ${RUN}`);
  const id = await writeAndSubmit(cast.owner, slug);
  await assign(cast.coordinator, id, cast.assessors);
  const verdicts = ['erkennen', 'voorwaarden', 'erkennen'];
  for (const [i, a] of cast.assessors.entries()) await review(a, id, verdicts[i], `Eerste oordeel van ${a.name}.`);
  step(`traject ${id} reviewed (one with conditions)`);
  const additions = 'Beschrijf de kosten per deelnemer.';
  await decide(cast.coordinator, id, 'voorbehoud', { additions });
  step('erkend onder voorbehoud');
  const page = cast.owner.page;
  await visit(page, `/mijn/interventies/${slug}/werkblad`, 'werkblad-aanvullingen');
  expect((await page.locator('.ww-additions').innerText()).trim() === additions, 'the owner sees the additions asked');
  await page.fill('#sectie-kosten', 'Veertig euro per deelnemer per jaar.');
  const status = await submit(page, 'button[name=actie][value=indienen]');
  await expectOk(page, status, 'send the additions');
  step('the owner sends the additions');
  for (const a of cast.assessors) await review(a, id, 'erkennen', `Met de aanvullingen in orde (${a.name}).`);
  const summary = `Met de aanvullingen is ${slug} goed beschreven.`;
  await decide(cast.coordinator, id, 'erkennen', { summary });
  step('erkend after the additions');
  const visitor = await person(browser, 'bezoeker 2');
  const shown = await publicPage(visitor, slug);
  expect(shown.label === 'Goed beschreven' && shown.summaries.includes(summary), `public page: ${JSON.stringify(shown)}`);
  expect(
    (await visitor.page.locator('#kosten + .ww-prose').innerText()).includes('Veertig euro'),
    'the additions are on the public page',
  );
  step('public page shows the rating, the summary and the additions');
  // Appeal.
  await visit(page, `/erkenning/${id}`, 'erkenningstraject-eigenaar');
  await visit(page, `/erkenning/${id}/bezwaar`, 'bezwaar');
  await page.fill('#motivering', 'Wij vinden dat ook de procesevaluatie is beschreven; wij vragen een herziening van de motivering.');
  const filed = await submit(page, 'form[action$="/bezwaar"] button[type=submit]');
  await expectOk(page, filed, 'file the appeal');
  expect((await page.locator('.ww-traject-facts .ww-stage').innerText()).trim() === 'in bezwaar', 'stage in bezwaar');
  step('the owner objects (bezwaar)');
  await mailTo(`coordinator-${RUN}@watwerkt.test`, 'Bezwaar');
  const c = cast.coordinator.page;
  await visit(c, `/erkenning/${id}`, 'erkenningstraject-bezwaar');
  await c.fill('#behandeling', 'Besproken met de beoordelaars; het besluit blijft.');
  await c.check('#uitkomst-ongegrond');
  const handled = await submit(c, 'form[action$="/bezwaar/besluit"] button[type=submit]');
  await expectOk(c, handled, 'handle the appeal');
  expect((await c.locator('.ww-traject-facts .ww-stage').innerText()).trim() === 'besloten', 'decided again');
  step('the coördinator handles the appeal (ongegrond); the rating stays');
  await visitor.context.close();
}

async function main() {
  expect(MAILDIR, 'MAILDIR is required');
  if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // One browser, one fresh context (its own cookies) per person. Playwright
  // starts a non-persistent browser on an empty temporary profile itself.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const cast = {};
  try {
    for (const journey of [journeyOne, journeyTwo]) {
      try {
        await journey(browser, cast);
      } catch (e) {
        failures.push(`${journey.name}: ${e.message.split('\n')[0]}`);
        console.error(`  FAILED: ${e.message}`);
        break;
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  const types = [...checkedTypes.keys()];
  console.log(`journeys: ${steps} steps; axe on ${types.length} page types (${types.join(', ')})`);
  if (failures.length) {
    console.log(`journeys: FAILED (${failures.length})`);
    for (const f of failures) console.log(`  - ${f}`);
    process.exit(1);
  }
  console.log('journeys: OK, 0 axe violations');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
