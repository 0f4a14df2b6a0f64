import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { build } from 'vite';
import { PHONE, slowDown } from '../lib/chromium';
import type { SyncBenchApi } from '../browser/api';

const require = createRequire(import.meta.url);

/**
 * Builds tests/bench/browser into `staticDir/bench` (production mode, as the app ships) and
 * puts PouchDB's browser build beside it. `staticDir` gets a placeholder index.html only so
 * the real server serves the folder: the app itself is not there, so no page of the bench
 * can register the app's service worker.
 */
export async function buildBenchPage(staticDir: string, options: { minify?: boolean } = {}): Promise<void> {
  const outDir = join(staticDir, 'bench');
  await build({
    root: resolve('tests/bench/browser'),
    base: '/bench/',
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false, minify: options.minify ?? true },
  });
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title><p>Sync bench: see /bench/</p>\n');
  copyFileSync(join(dirname(require.resolve('pouchdb/package.json')), 'dist', 'pouchdb.min.js'), join(outDir, 'pouchdb.min.js'));
}

export interface BenchPage {
  page: Page;
  /** Calls window.syncBench[name](arg) in the page. */
  call<K extends keyof SyncBenchApi>(name: K, arg?: Parameters<SyncBenchApi[K]>[0]): Promise<Awaited<ReturnType<SyncBenchApi[K]>>>;
  /** Runs `measured` with the page's CPU slowed down, back to 1× afterwards whatever happens. */
  slowed<T>(rate: number, measured: () => Promise<T>): Promise<T>;
}

/**
 * A fresh phone for one run: a new browser context (empty IndexedDB, no service worker),
 * the bench page from `origin`, closed afterwards whatever happens.
 */
export async function withBenchPage<T>(browser: Browser, origin: string, run: (page: BenchPage) => Promise<T>): Promise<T> {
  let context: BrowserContext | null = null;
  try {
    context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
    await page.goto(`${origin}/bench/`);
    await page.waitForFunction(() => window.syncBench !== undefined);
    const benchPage: BenchPage = {
      page,
      call: (name, arg) =>
        page.evaluate(
          ([n, a]) => (window.syncBench![n] as (x: unknown) => Promise<unknown>)(a),
          [name, arg] as const,
        ) as never,
      async slowed(rate, measured) {
        const cdp = await slowDown(page, rate);
        try {
          return await measured();
        } finally {
          await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 }).catch(() => undefined);
          await cdp.detach().catch(() => undefined);
        }
      },
    };
    return await run(benchPage);
  } finally {
    await context?.close().catch(() => undefined);
  }
}
