import type { Page } from '@playwright/test';
import { slowDown, withPhone } from '../lib/chromium';
import type { BenchContext } from '../lib/context';
import { figure, repeat, type Figure } from '../lib/figures';
import { paintedAfter } from './meeting-figures';

/**
 * What the phone holding the five-year club keeps in memory with every book opened, and the
 * floor under its cold start (issue 14). Offline (the server stopped), the page's CPU slowed.
 */

/** In the page: the wouter address changes as a link's would (wouter hears pushState). */
function goInApp(page: Page, path: string): Promise<void> {
  return page.evaluate((to) => history.pushState(null, '', to), path);
}

/**
 * The JS heap after opening every book once, one after another in one page as a person taps
 * through them (no reload between, so whatever a book keeps stays): the home screen, the
 * members list, a member, the meeting book, the latest meeting's roll call, home care, a
 * person's health page with its chart, the fund book, the report. Then a full garbage
 * collection (CDP HeapProfiler.collectGarbage) and Runtime.getHeapUsage's usedSize: the page's
 * V8 heap only (not the DOM's native memory, the images, the service worker or IndexedDB's).
 */
export async function heapAllBooksFigure(ctx: BenchContext, serverUrl: string, profile: string, personId: string, listed: number): Promise<Figure> {
  const samples = await repeat(ctx.runs, () =>
    withPhone(ctx.chromiumPath, profile, async (page) => {
      const cdp = await slowDown(page, ctx.cpuSlowdown);
      const heap = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        return (await cdp.send('Runtime.getHeapUsage')).usedSize;
      };
      const steps: string[] = [];
      const step = async (name: string, open: () => Promise<unknown>) => {
        await open();
        // What a screen reads after its first paint (a member's attendance, loans) settles.
        await page.waitForTimeout(500);
        steps.push(`${name} ${((await heap()) / 1e6).toFixed(1)}`);
      };
      await step('home', async () => {
        await page.goto(serverUrl);
        await page.getByRole('link', { name: /Sổ quỹ/ }).waitFor({ timeout: 30_000 });
      });
      await step('members', async () => {
        await goInApp(page, '/members');
        await page.waitForFunction((n) => (document.querySelector('.list-count')?.textContent ?? '').replace(/\D/g, '') === String(n), listed, { timeout: 30_000, polling: 100 });
      });
      await step('member', async () => {
        await goInApp(page, `/members/${personId}`);
        await page.locator('a[href^="/health/people/"]').waitFor({ timeout: 30_000 });
      });
      await step('meetings', async () => {
        await goInApp(page, '/meetings');
        await page.locator('[elementtiming="meeting-book"]').waitFor({ timeout: 30_000 });
      });
      await step('roll call', async () => {
        await page.getByRole('link', { name: /Đã họp/ }).last().click();
        await page.getByRole('link', { name: 'Điểm danh' }).click();
        await page.getByTestId('roll-line').waitFor({ timeout: 30_000 });
      });
      await step('care', async () => {
        await goInApp(page, '/care');
        await page.locator('a[href^="/care/people/"]').first().waitFor({ timeout: 30_000 });
      });
      await step('health', async () => {
        await page.evaluate(() => performance.clearMarks('so-clb:health-chart-drawn'));
        await goInApp(page, `/health/people/${personId}`);
        await page.waitForFunction(() => performance.getEntriesByName('so-clb:health-chart-drawn').length > 0, undefined, { timeout: 30_000, polling: 100 });
      });
      await step('fund', async () => {
        await goInApp(page, '/fund');
        await page.locator('[elementtiming="fund-book"]').waitFor({ timeout: 30_000 });
      });
      await step('report', async () => {
        await goInApp(page, '/reports');
        await page.locator('[elementtiming="report"]').waitFor({ timeout: 60_000 });
      });
      ctx.log(`  heap after each book (MB, after GC): ${steps.join(', ')}`);
      return (await heap()) / 1e6;
    }),
  );
  return figure({
    id: 'phone.heapAllBooks',
    group: 'phone',
    label: 'JS heap with every book opened once, five-year club (members, a member, meetings, a roll call, care, a health page, fund, report; V8 heap after GC)',
    unit: 'MB',
    cpuSlowdown: ctx.cpuSlowdown,
    samples,
    budget: { text: 'JS heap with every book opened: at most 40 MB', limit: 40, kind: 'max' },
  });
}

/** The floor page's address: on the app's origin, answered by the bench (never by the server or the app). */
export const FLOOR_PATH = '/bench-cold-start-floor.html';

/**
 * The least a cold start to the member list can be: one small page, no framework, that opens
 * the app's IndexedDB ('so-clb', at whatever version the app left it), reads every record of
 * its 'members' store in one getAll, keeps those not deleted, sorts them by name and writes
 * the names and the "N người" line into the page at once. Element Timing on that line, as on
 * the app's.
 */
const FLOOR_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sổ CLB — floor</title></head>
<body><main><p id="count" elementtiming="member-list"></p><ul id="list"></ul></main>
<script>
const open = indexedDB.open('so-clb');
// No book on this origin: say so rather than make one.
open.onupgradeneeded = () => ((document.title = 'no book here'), open.transaction.abort());
open.onsuccess = () => {
  performance.mark('floor:opened');
  const get = open.result.transaction('members').objectStore('members').getAll();
  get.onsuccess = () => {
    performance.mark('floor:read');
    const people = get.result.filter((m) => !m.deleted).sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
    const list = document.getElementById('list');
    for (const person of people) {
      const li = document.createElement('li');
      li.textContent = person.fullName;
      list.append(li);
    }
    document.getElementById('count').textContent = people.length + ' người';
  };
};
</script></body></html>`;

/**
 * The floor under the offline cold start: the same profile, the same CPU slowdown, the server
 * stopped, a fresh browser each run (one unrecorded run first, as the cold start's), from the
 * navigation's start to the written line's first paint (Element Timing). The page comes from
 * the bench (Playwright's page.route) with the service worker kept out of this launch (the
 * app's own start has the worker answer its shell from its cache; a route answers in a few ms
 * through Playwright, about what the worker takes): the product is not changed for it.
 */
export async function coldStartFloorFigure(ctx: BenchContext, serverUrl: string, profile: string): Promise<{ figure: Figure; counts: number[] }> {
  const runs = await repeat(
    ctx.runs,
    () =>
      withPhone(
        ctx.chromiumPath,
        profile,
        async (page) => {
          const cdp = await slowDown(page, ctx.cpuSlowdown);
          // Playwright's 'block' alone still lets the registered worker answer this navigation with the app's shell.
          await cdp.send('Network.enable');
          await cdp.send('Network.setBypassServiceWorker', { bypass: true });
          await page.route(`${serverUrl}${FLOOR_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: FLOOR_PAGE }));
          await page.goto(`${serverUrl}${FLOOR_PATH}`);
          const ms = await paintedAfter(page, 'member-list', 0);
          const count = Number((await page.locator('#count').textContent())?.replace(/\D/g, ''));
          const [html, opened, read] = await page.evaluate(() => [
            (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
            performance.getEntriesByName('floor:opened')[0]!.startTime,
            performance.getEntriesByName('floor:read')[0]!.startTime,
          ]);
          ctx.log(`  floor: the page's HTML in at ${html!.toFixed(0)} ms, the book open at ${opened!.toFixed(0)}, the people read at ${read!.toFixed(0)}, painted at ${ms.toFixed(0)}`);
          return { ms, count };
        },
        { serviceWorkers: 'block' },
      ),
    1,
  );
  return {
    figure: figure({
      id: 'phone.coldStartFloor',
      group: 'phone',
      label: `Floor: a bare page on the same origin opens the app's IndexedDB, reads the ${runs[0]!.count} people and writes their names (no framework; offline, Element Timing)`,
      unit: 'ms',
      cpuSlowdown: ctx.cpuSlowdown,
      samples: runs.map((r) => r.ms),
    }),
    counts: runs.map((r) => r.count),
  };
}
