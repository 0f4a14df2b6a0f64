import { SAVED_MARK } from '../../../src/local/write';
import { slowDown, withPhone } from '../lib/chromium';
import type { BenchContext } from '../lib/context';
import { figure, repeat, type Figure } from '../lib/figures';
import { armClickToMark, clickToMark } from './care-figures';
import { paintedAfter } from './meeting-figures';

/**
 * The fund book on a phone holding a club's five years (issue 12): opening the book with its
 * balances, PAR30 and the month's entries, and a repayment's Save. Offline, with the page's
 * CPU slowed, as the other phone figures.
 */

/**
 * From the home screen, a tap on the fund's tile until the fund book's balances are painted
 * (Element Timing on their heading, drawn once the book is read and derived): the book's
 * code, every entry and loan of five years, the balances, each loan's state, the review items.
 */
export async function fundBookFigure(ctx: BenchContext, serverUrl: string, profile: string, years: number): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(serverUrl);
    await page.getByRole('link', { name: /Sổ quỹ/ }).waitFor();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        await page.getByRole('link', { name: 'Trang chính', exact: true }).click();
        const tile = page.getByRole('link', { name: /Sổ quỹ/ });
        await tile.waitFor();
        await tile.evaluate((link) => {
          const w = window as unknown as { __tapAt?: number };
          w.__tapAt = undefined;
          link.addEventListener('click', (event) => (w.__tapAt = event.timeStamp), { capture: true, once: true });
        });
        await tile.tap();
        const at = (await (await page.waitForFunction(() => (window as unknown as { __tapAt?: number }).__tapAt)).jsonValue()) as number;
        return (await paintedAfter(page, 'fund-book', at)) - at;
      },
      1,
    );
  });
  return figure({
    id: 'phone.fundBook',
    group: 'phone',
    label: `Tap “Sổ quỹ” → the fund book's balances painted, ${years} years of a club's entries and loans`,
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'the fund book and its balances over five years of entries ≤ 300 ms', limit: 300, kind: 'max' },
  });
}

/**
 * Tap "Lưu khoản trả nợ" on a repayment (the instalment due already typed in, as the
 * treasurer finds it) until the entry and its outbox change are committed.
 */
export async function repaymentTapFigure(ctx: BenchContext, serverUrl: string, profile: string): Promise<Figure> {
  const samples = await withPhone(ctx.chromiumPath, profile, async (page) => {
    await page.goto(`${serverUrl}/fund/repay`);
    // The loan with the most left to pay is listed by name; the first one the list offers will do for a few runs.
    await page.locator('.member-list a').first().click();
    await page.getByRole('button', { name: 'Lưu khoản trả nợ' }).waitFor();
    const loanPage = page.url();
    await slowDown(page, ctx.cpuSlowdown);
    return repeat(
      ctx.runs,
      async () => {
        const save = page.getByRole('button', { name: 'Lưu khoản trả nợ' });
        await save.waitFor();
        await armClickToMark(page, save, SAVED_MARK);
        await save.tap();
        const ms = await clickToMark(page);
        await page.getByRole('button', { name: 'Gửi biên nhận cho thành viên' }).waitFor();
        await page.goto(loanPage);
        return ms;
      },
      1,
    );
  });
  return figure({
    id: 'phone.repaymentSave',
    group: 'phone',
    label: 'Tap “Lưu khoản trả nợ” on a repayment → entry + outbox entry committed',
    unit: 'ms',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'a repayment (tap save to committed) ≤ 50 ms', limit: 50, kind: 'max' },
  });
}
