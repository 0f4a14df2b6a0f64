import type { Page } from '@playwright/test';
import { SAVED_MARK } from '../../../src/local/write';
import { slowDown, withPhone } from '../lib/chromium';
import type { BenchContext } from '../lib/context';
import { figure, repeat, type Figure } from '../lib/figures';

/**
 * Home care and health on a phone holding a club's five years (issue 11): logging a visit,
 * and a person's health page with five years of readings and its chart. Offline, with the
 * page's CPU slowed, as the other phone figures.
 */

/** In the page: the time from a click on `selector`'s element to the first User Timing mark named `mark` after it. */
export async function armClickToMark(page: Page, target: ReturnType<Page['locator']>, mark: string): Promise<void> {
  await target.evaluate((element, name) => {
    const w = window as unknown as { __tapAt?: number; __markAt?: number };
    w.__tapAt = w.__markAt = undefined;
    element.addEventListener('click', (event) => (w.__tapAt = event.timeStamp), { capture: true, once: true });
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName(name).find((e) => w.__tapAt !== undefined && e.startTime > w.__tapAt);
      if (entry) {
        w.__markAt = entry.startTime;
        observer.disconnect();
      }
    }).observe({ type: 'mark' });
  }, mark);
}

export async function clickToMark(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __tapAt?: number; __markAt?: number };
      return w.__tapAt !== undefined && w.__markAt !== undefined ? w.__markAt - w.__tapAt : undefined;
    },
    undefined,
    { timeout: 30_000, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Tap "Lưu lần thăm" on a visit (the help of the last visit ticked, as a volunteer finds it)
 * until the visit and its outbox entry are committed (the app's change-committed mark).
 */
export async function visitSaveFigure(ctx: BenchContext, serverUrl: string, profile: string, personId: string): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(`${serverUrl}/care/people/${personId}`);
    await page.getByRole('link', { name: /Ghi lần thăm/ }).waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        await page.getByRole('link', { name: /Ghi lần thăm/ }).click();
        const save = page.getByRole('button', { name: 'Lưu lần thăm' });
        await save.waitFor();
        await armClickToMark(page, save, SAVED_MARK);
        await save.tap();
        const ms = await clickToMark(page);
        // A visit that measured goes on to its reading: back to the person for the next run.
        await page.goto(`${serverUrl}/care/people/${personId}`);
        await page.getByRole('link', { name: /Ghi lần thăm/ }).waitFor();
        return ms;
      },
      1,
    );
  });
  return figure({
    id: 'phone.visitSave',
    group: 'phone',
    label: 'Tap “Lưu lần thăm” on a visit → visit + outbox entry committed',
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'logging a visit (tap save to committed) ≤ 50 ms', limit: 50, kind: 'max' },
  });
}

/** The health page's chart is drawn (PressureChart.tsx). */
const CHART_DRAWN = 'so-clb:health-chart-drawn';

/**
 * From a person's care page, a tap on "Sức khỏe" until their health page has drawn the chart
 * of their readings: the screen's code and uPlot (from the service worker's cache), the
 * readings, the grades, the chart.
 */
export async function healthPageFigure(ctx: BenchContext, serverUrl: string, profile: string, personId: string, readings: number): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(`${serverUrl}/care/people/${personId}`);
    await page.getByRole('link', { name: 'Sức khỏe', exact: true }).waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        const link = page.getByRole('link', { name: 'Sức khỏe', exact: true });
        await armClickToMark(page, link, CHART_DRAWN);
        await link.tap();
        const ms = await clickToMark(page);
        await page.getByRole('link', { name: 'Quay lại' }).click();
        await page.goto(`${serverUrl}/care/people/${personId}`);
        await page.getByRole('link', { name: 'Sức khỏe', exact: true }).waitFor();
        return ms;
      },
      1,
    );
  });
  return figure({
    id: 'phone.healthPage',
    group: 'phone',
    label: `Tap “Sức khỏe” → a member’s health page with its chart drawn, ${readings} readings over five years`,
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'a member’s health page with five years of readings and its chart ≤ 500 ms', limit: 500, kind: 'max' },
  });
}
