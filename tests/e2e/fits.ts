import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The text sizes of Settings, smallest to largest (preferences.ts). */
export const TEXT_SIZES = ['normal', 'large', 'extraLarge'] as const;
/** The narrowest phones in use, and the common cheap one. */
export const WIDTHS = [320, 360] as const;

/**
 * Whatever does not fit the screen, in words: the page scrolling sideways, a box reaching
 * past an edge (but for what is inside a box that scrolls sideways, as a wide table's), text
 * cut by its box, an input whose text or placeholder is wider than it.
 */
export async function whatDoesNotFit(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const name = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${el.className ? ` class="${String(el.className)}"` : ''}> "${text}"`;
    };
    if (document.documentElement.scrollWidth > width + 1) problems.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || Number(style.opacity) === 0) continue;
      // The screen-reader-only texts are 1 px boxes on purpose.
      if (rect.width <= 1 && rect.height <= 1) continue;
      // A wide table in a box that scrolls sideways is the design (the box itself must fit).
      const inScrollBox = (() => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
        }
        return false;
      })();
      if (!inScrollBox && (rect.right > width + 1 || rect.left < -1)) problems.push(`${name(el)} reaches past the screen's edge (${Math.round(rect.left)}–${Math.round(rect.right)} px)`);
      // An input scrolls what is typed into it, as people expect; what it says of itself (its
      // placeholder, when empty) must fit.
      const control = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
      const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (!control && clips && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} cuts its text (${el.scrollWidth} px in ${el.clientWidth} px)`);
      if (el instanceof HTMLInputElement && ['text', 'search', 'tel', 'url'].includes(el.type) && el.value === '' && el.placeholder) {
        const shown = el.placeholder;
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const needed = canvas.measureText(shown).width + (shown.length - 1) * (parseFloat(style.letterSpacing) || 0);
        if (needed > room + 1) problems.push(`${name(el)} shows "${shown}" in too little room (${Math.round(needed)} px in ${Math.round(room)} px)`);
      }
    }
    return problems;
  });
}

/** The page fits at every text size, on a 320 and a 360 px screen. */
export async function expectFitsEverywhere(page: Page, screen: string): Promise<void> {
  const original = page.viewportSize() ?? { width: 360, height: 640 };
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: original.height });
    for (const size of TEXT_SIZES) {
      await page.evaluate((s) => (document.documentElement.dataset.textSize = s), size);
      const problems = await whatDoesNotFit(page);
      expect(problems, `${screen} at ${width} px, text size ${size}`).toEqual([]);
    }
  }
  await page.setViewportSize(original);
  await page.evaluate(() => (document.documentElement.dataset.textSize = localStorage.getItem('so-clb.textSize') ?? 'normal'));
}

/** No accessibility violation axe can find (WCAG 2.1 A and AA, and best practice). */
export async function expectAxeClean(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(violations, screen).toEqual([]);
}

/** Every target at least 48 px in both directions: the brief's touch targets. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=radio], label.choice, label.check')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      // A radio, checkbox or file input inside its big label is tapped through the label.
      if (el instanceof HTMLInputElement && el.closest('label')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.width < 47.5 || rect.height < 47.5) small.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
    }
    return small;
  });
}

/**
 * Text on the page that is an i18next key, not words ("server.network", "common.save"): a
 * screen that reads words its namespace does not hold shows the key itself.
 */
export async function keysShownAsText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      if (/^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/.test(text)) found.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(name)?.trim() ?? '';
        if (/^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/.test(value)) found.push(`${name}=${value}`);
      }
    }
    return found;
  });
}

/** A full-page screenshot at 360 px and the largest text size, for people to look at (not a check). */
export async function screenshotAtLargest(page: Page, path: string): Promise<void> {
  const original = page.viewportSize() ?? { width: 360, height: 640 };
  await page.setViewportSize({ width: 360, height: original.height });
  await page.evaluate(() => (document.documentElement.dataset.textSize = 'extraLarge'));
  // The first two screens' worth: a five-year list below that is more of the same.
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 360, height: Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight)) } });
  await page.setViewportSize(original);
  await page.evaluate(() => (document.documentElement.dataset.textSize = localStorage.getItem('so-clb.textSize') ?? 'normal'));
}

/**
 * A screen as its people see it: at 320 and 360 px and every text size nothing scrolls
 * sideways and no text is cut, axe finds nothing, every target is big enough to tap, and no
 * i18next key shows instead of words.
 */
export async function checkScreen(page: Page, screen: string): Promise<void> {
  // SCREENSHOT_DIR=… keeps each screen as its people see it at its largest: 360 px, the largest text.
  if (process.env.SCREENSHOT_DIR) await screenshotAtLargest(page, `${process.env.SCREENSHOT_DIR}/${screen.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`);
  await expectFitsEverywhere(page, screen);
  await expectAxeClean(page, screen);
  expect(await smallTargets(page), `${screen}: targets under 48 px`).toEqual([]);
  expect(await keysShownAsText(page), `${screen}: keys shown instead of words`).toEqual([]);
}
