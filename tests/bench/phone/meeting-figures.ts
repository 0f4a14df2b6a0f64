import type { Page } from '@playwright/test';
import { SAVED_MARK } from '../../../src/local/write';
import { slowDown, withPhone } from '../lib/chromium';
import type { BenchContext } from '../lib/context';
import { figure, repeat, type Figure } from '../lib/figures';

/**
 * The meeting book on a phone holding a club's five years (issue 10): opening the book, and a
 * tap in the roll call. Taken offline with the page's CPU slowed, as the other phone figures.
 */

/** Waits, in the page, for the first paint of an element with this `elementtiming` after `since`. */
export function paintedAfter(page: Page, identifier: string, since: number): Promise<number> {
  return page.evaluate(
    ([id, after]) =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
            const at = entry.renderTime || entry.startTime;
            if (entry.identifier === id && at > after) {
              observer.disconnect();
              resolve(at);
            }
          }
        }).observe({ type: 'element', buffered: true });
      }),
    [identifier, since] as const,
  );
}

/**
 * A tap on the "Sinh hoạt" tab, from the home screen, until the meeting book's year is
 * painted with its months (Element Timing on the year's heading, drawn once the book is
 * read): the book's code (from the service worker's cache, on the first run), every meeting
 * of five years, and the marks of the year's.
 */
export async function meetingBookFigure(ctx: BenchContext, serverUrl: string, profile: string, years: number): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(serverUrl);
    await page.getByRole('link', { name: 'Sinh hoạt', exact: true }).waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        await page.getByRole('link', { name: 'Trang chính', exact: true }).click();
        await page.getByRole('link', { name: /Sổ sinh hoạt/ }).waitFor();
        const tab = page.getByRole('link', { name: 'Sinh hoạt', exact: true });
        await tab.evaluate((link) => {
          const w = window as unknown as { __tapAt?: number };
          w.__tapAt = undefined;
          link.addEventListener('click', (event) => (w.__tapAt = event.timeStamp), { capture: true, once: true });
        });
        await tab.tap();
        const at = (await (await page.waitForFunction(() => (window as unknown as { __tapAt?: number }).__tapAt)).jsonValue()) as number;
        return (await paintedAfter(page, 'meeting-book', at)) - at;
      },
      1,
    );
  });
  return figure({
    id: 'phone.meetingBook',
    group: 'phone',
    label: `Tap “Sinh hoạt” → the meeting book painted, ${years} years of a 70-member club’s meetings`,
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'the meeting book opening on five years of meetings ≤ 500 ms', limit: 500, kind: 'max' },
  });
}

/**
 * A tap on a person's mark in the roll call of the club's latest meeting until the mark is
 * committed to IndexedDB (the app's change-committed mark) and shown (the tapped button
 * says it is chosen): the later of the two, from the tap's click event, on the page's clock.
 */
export async function rollCallTapFigure(ctx: BenchContext, serverUrl: string, profile: string): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(`${serverUrl}/meetings`);
    await page.getByRole('link', { name: /Đã họp/ }).last().click();
    await page.getByRole('link', { name: 'Điểm danh' }).click();
    await page.getByTestId('roll-line').waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async (run) => {
        // Each run a different person, to the mark they do not have: always a real change.
        const row = page.locator('.roll-row').nth(run * 3);
        const target = row.locator('[role="radio"][aria-checked="false"]').first();
        await target.evaluate((button, mark) => {
          const w = window as unknown as { __tapAt?: number; __savedAt?: number; __shownAt?: number };
          w.__tapAt = w.__savedAt = w.__shownAt = undefined;
          button.addEventListener('click', (event) => (w.__tapAt = event.timeStamp), { capture: true, once: true });
          new PerformanceObserver((list, observer) => {
            const entry = list.getEntriesByName(mark)[0];
            if (entry) {
              w.__savedAt = entry.startTime;
              observer.disconnect();
            }
          }).observe({ type: 'mark' });
          // React keeps the row's buttons and changes their state: this one says it is chosen.
          const shown = new MutationObserver(() => {
            if (button.getAttribute('aria-checked') === 'true') {
              w.__shownAt = performance.now();
              shown.disconnect();
            }
          });
          shown.observe(button, { attributes: true, attributeFilter: ['aria-checked'] });
        }, SAVED_MARK);
        await target.tap();
        const handle = await page.waitForFunction(
          () => {
            const w = window as unknown as { __tapAt?: number; __savedAt?: number; __shownAt?: number };
            return w.__tapAt !== undefined && w.__savedAt !== undefined && w.__shownAt !== undefined ? Math.max(w.__savedAt, w.__shownAt) - w.__tapAt : undefined;
          },
          undefined,
          { timeout: 30_000, polling: 20 },
        );
        return (await handle.jsonValue()) as number;
      },
      1,
    );
  });
  return figure({
    id: 'phone.rollCallTap',
    group: 'phone',
    label: 'Roll call of a 70-member club: a tap on a mark → committed and shown',
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'a roll-call tap until the mark is committed and shown ≤ 100 ms', limit: 100, kind: 'max' },
  });
}
