import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package (.ci/run installs it when missing). */
export const CHROMIUM = process.env.PORTCULLIS_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots go: a git-ignored folder (reports/ is in .gitignore). */
export const SCREENSHOTS = join(process.cwd(), 'reports', 'console-screenshots');

/**
 * `describe` for tests that drive chromium. Without chromium they are
 * skipped with a loud message, unless PORTCULLIS_REQUIRE_BROWSER is set
 * (CI): then they fail, saying what is missing.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const missing = `${CHROMIUM} is missing (apt-get install chromium, or set PORTCULLIS_CHROMIUM)`;
  if (process.env.PORTCULLIS_REQUIRE_BROWSER) {
    describe(name, () => {
      it('finds chromium', () => {
        throw new Error(`PORTCULLIS_REQUIRE_BROWSER is set but ${missing}`);
      });
    });
    return;
  }
  process.stderr.write(
    `\n${'!'.repeat(78)}\n!! SKIPPED: "${name}": ${missing}.\n` +
      `!! The console's browser tests did not run. Set PORTCULLIS_REQUIRE_BROWSER=1 to make this a failure.\n` +
      `${'!'.repeat(78)}\n\n`,
  );
  describe.skip(name, body);
}

/** The real chromium, headless, with everything that would reach the network on its own turned off. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (no cookies) with a desktop-sized window. */
export async function newVisitor(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** Screenshots of the page at desktop width and at 360 px, as test artefacts. */
export async function screenshots(page: Page, name: string): Promise<{ overflow: number }> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-360.png`), fullPage: true });
  // How far the page is wider than the narrow viewport (0: nothing needs a sideways scroll).
  const overflow = (await page.evaluate(
    'document.documentElement.scrollWidth - window.innerWidth',
  )) as number;
  await page.setViewportSize({ width: 1280, height: 900 });
  return { overflow };
}

/** What the focused element says: its label, its aria-label or its text. */
export async function focusedName(page: Page): Promise<string> {
  return (await page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return '';
    const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent);
    return (label || e.textContent || '').trim().replace(/\\s+/g, ' ');
  })()`)) as string;
}

/** The names of the first `count` elements Tab reaches from the top of the page. */
export async function tabOrder(page: Page, count: number): Promise<string[]> {
  await page.evaluate('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)');
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    names.push(await focusedName(page));
  }
  return names;
}

/*
 * Runs in the page (as text: the test code is compiled without the DOM's types).
 * Every visible form control needs a label; every piece of visible text needs
 * a contrast of 4.5:1 with the background it sits on (WCAG AA).
 */
const ACCESSIBILITY_SCRIPT = `(() => {
  const problems = [];
  for (const control of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const labelled = (control.labels && control.labels.length > 0) || control.getAttribute('aria-label');
    if (!labelled) problems.push('no label: ' + control.outerHTML.slice(0, 80));
  }
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const bg = rgb(getComputedStyle(node).backgroundColor);
      if (bg.length >= 3 && (bg.length < 4 || bg[3] > 0)) return bg;
    }
    return [255, 255, 255];
  };
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!own) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.left < -100) continue;
    const fg = luminance(rgb(style.color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ': <' + el.tagName.toLowerCase() + '> ' + el.textContent.trim().slice(0, 40));
  }
  return problems;
})()`;

/** Basic accessibility of the page as it stands: labelled controls, text contrast. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(ACCESSIBILITY_SCRIPT)) as string[];
}
