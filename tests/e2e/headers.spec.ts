import { expect, test } from '@playwright/test';
import { ClubServer, E2E_SETUP_CODE } from '../lib/club-server';
import { makeClubBook, newPhone } from './phone';

/**
 * The app under the server's strict Content-Security-Policy (no inline script or style,
 * nothing from elsewhere): the pages that build markup themselves — the invite screen's QR
 * code is an SVG put in as HTML — must work without one refusal from the browser.
 */
const server = new ClubServer(4315);
test.beforeAll(() => server.start());
test.afterAll(() => server.dispose());

test('the app runs under its CSP: a club, the server, an invite with its QR code, and not one violation', async ({ browser }) => {
  const page = await newPhone(browser);
  // Collected from the first moment of every page, before the app's own scripts run.
  await page.context().addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  const first = await page.goto(server.url);
  expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
  await makeClubBook(page, server.url);
  await page.getByRole('link', { name: 'Cài đặt', exact: true }).click();
  await page.getByRole('link', { name: 'Nối với máy chủ' }).click();
  await page.getByLabel('Mã thiết lập').fill(E2E_SETUP_CODE);
  await page.getByLabel('Tên máy này').fill('Máy chị Hoa (chủ nhiệm)');
  await page.getByRole('button', { name: 'Nối và gửi sổ lên' }).click();
  await expect(page.getByText(`Đã nối với ${server.url}.`)).toBeVisible();

  await page.getByRole('link', { name: 'Mời thêm máy' }).click();
  await page.getByRole('radio', { name: 'Ban chủ nhiệm' }).click();
  await page.getByRole('button', { name: 'Tạo mã mời' }).click();
  await expect(page.getByTestId('invite-code')).toHaveText(/^[2-9A-HJ-NP-Z]{8}$/);
  const qr = page.getByRole('img', { name: /QR/ });
  await expect(qr.locator('svg')).toBeVisible();
  const box = await qr.locator('svg').boundingBox();
  expect(box?.width).toBeGreaterThan(100);

  expect(await violations()).toEqual([]);

  // A reload comes from the service worker's cache: the same policy must hold there too.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Tạo mã mời' })).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(refused).toEqual([]);
});
