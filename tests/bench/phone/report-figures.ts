import { SAVED_MARK } from '../../../src/local/write';
import { slowDown, withPhone } from '../lib/chromium';
import type { BenchContext } from '../lib/context';
import { figure, repeat, type Figure } from '../lib/figures';
import { armClickToMark, clickToMark } from './care-figures';
import { paintedAfter } from './meeting-figures';

/**
 * The club's report on a phone holding a club's five years (issue 13): opening it, every
 * figure counted from every book, and the chair's "send". Offline, with the page's CPU
 * slowed, as the other phone figures.
 */

/**
 * From the home screen, a tap on the report's tile until the report's heading is painted
 * (Element Timing; it is drawn with the figures, once every book is read and counted): the
 * report's code, five years of members, meetings, marks, visits, readings, entries and loans,
 * and clubReport over them for the period the tile opens.
 */
export async function reportFigure(ctx: BenchContext, serverUrl: string, profile: string, years: number): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(serverUrl);
    await page.getByRole('link', { name: /^Báo cáo hoạt động/ }).waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        await page.getByRole('link', { name: 'Trang chính', exact: true }).click();
        const tile = page.getByRole('link', { name: /^Báo cáo hoạt động/ });
        await tile.waitFor();
        await tile.evaluate((link) => {
          const w = window as unknown as { __tapAt?: number };
          w.__tapAt = undefined;
          link.addEventListener('click', (event) => (w.__tapAt = event.timeStamp), { capture: true, once: true });
        });
        await tile.tap();
        const at = (await (await page.waitForFunction(() => (window as unknown as { __tapAt?: number }).__tapAt)).jsonValue()) as number;
        return (await paintedAfter(page, 'report', at)) - at;
      },
      1,
    );
  });
  return figure({
    id: 'phone.report',
    group: 'phone',
    label: `Tap “Báo cáo hoạt động” → the report's figures painted, counted from ${years} years of every book`,
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: "every book's first screen ≤ 500 ms", limit: 500, kind: 'max' },
  });
}

/**
 * The chair's tap on "send this report" for a half-year that has ended (no question asked)
 * until the reports record and its outbox change are committed.
 */
export async function reportSendFigure(ctx: BenchContext, serverUrl: string, profile: string, periodKey: string): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(`${serverUrl}/reports?period=${periodKey}`);
    await page.getByRole('button', { name: 'Gửi báo cáo này lên Hội' }).waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        const send = page.getByRole('button', { name: 'Gửi báo cáo này lên Hội' });
        await send.waitFor();
        await armClickToMark(page, send, SAVED_MARK);
        await send.tap();
        return clickToMark(page);
      },
      1,
    );
  });
  return figure({
    id: 'phone.reportSend',
    group: 'phone',
    label: 'Tap “Gửi báo cáo này lên Hội” → the report and its outbox change committed',
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'tap → committed ≤ 50 ms', limit: 50, kind: 'max' },
  });
}
