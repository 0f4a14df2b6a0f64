import type { Page, Request } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FIRST_SCREEN_MARK } from '../../../src/app/first-screen';

/**
 * The JavaScript a page asks for before its first screen is on the page (the app's
 * FIRST_SCREEN_MARK, compared with each request's start on the browser's own clock), in
 * gzip bytes (level 6, as a server or CDN compresses it; measured on the built files in
 * dist/). Requests the service worker makes for its own cache are not the page's.
 */
export async function firstScreenScripts(page: Page, open: () => Promise<unknown>, distDir = 'dist'): Promise<number> {
  const scripts: Request[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request);
  });
  await open();
  const handle = await page.waitForFunction(
    (mark) => {
      const entry = performance.getEntriesByName(mark)[0];
      return entry ? performance.timeOrigin + entry.startTime : undefined;
    },
    FIRST_SCREEN_MARK,
    { timeout: 60_000 },
  );
  const shownAt = (await handle.jsonValue()) as number;
  let total = 0;
  for (const request of scripts) {
    await request.response();
    const startedAt = request.timing().startTime;
    if (startedAt < 0) throw new Error(`no timing for ${request.url()}`);
    if (startedAt <= shownAt) total += gzipSync(readFileSync(join(distDir, new URL(request.url()).pathname)), { level: 6 }).length;
  }
  if (total === 0) throw new Error('no script was requested before the first screen: is the page served from dist/?');
  return total;
}
