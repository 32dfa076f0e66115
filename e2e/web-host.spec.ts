/**
 * The renderer in Debian Chromium against the real web host: page health, isolation, the WASM
 * engine in the worker, and the API's guards (token, Host header).
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { pathToFileURL } from 'node:url';
import { startWebHost, type RunningWebHost } from './support/web-host.ts';

let host: RunningWebHost;

test.beforeAll(async () => {
  host = await startWebHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the app shell loads with no console errors, isolated, with the WASM engine in its worker', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));

  await page.goto(host.url);
  await expect(page.getByRole('navigation', { name: 'Panels' })).toBeVisible();
  for (const panel of ['Data', 'Model', 'Train', 'Evaluate', 'Draw', 'Runs']) {
    await expect(page.getByRole('button', { name: new RegExp(`^${panel}\\b`) })).toBeVisible();
  }
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

  const backendLine = page.getByTestId('backend-line');
  await expect(backendLine).toContainText('wasm (SIMD');
  console.info(`backend line: ${await backendLine.textContent()}`);
  await expect(page.getByTestId('data-folder')).toContainText(host.dataDir);

  await page.screenshot({ path: 'e2e/artifacts/shell.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('panels are reachable from the keyboard and the last panel is remembered', async ({ page }) => {
  await page.goto(host.url);
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Train');
  await page.getByRole('button', { name: /^Train\b/ }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evaluate');
  await expect(page.getByRole('button', { name: /^Evaluate\b/ })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evaluate');
});

test('the worker reports its backend to the page through the wrapper', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('backend-line')).toContainText('wasm');
  const text = (await page.getByTestId('backend-line').textContent()) ?? '';
  expect(text).toMatch(/TF\.js 4\.\d+\.\d+ · wasm \(SIMD, \d+ threads?, isolated\)/);
});

test('an API call round-trips with the token', async ({ request }) => {
  const response = await request.post(`${host.origin}/api/app.ping`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: { echo: 'round trip' },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ok: boolean; result: { pong: boolean; echo: string } };
  expect(body).toMatchObject({ ok: true, result: { pong: true, echo: 'round trip' } });

  const info = await request.post(`${host.origin}/api/app.info`, { headers: { Authorization: `Bearer ${host.token}` }, data: {} });
  expect(((await info.json()) as { result: { dataDir: string } }).result.dataDir).toBe(host.dataDir);
});

test('API calls without the token, with a wrong token or with bad arguments are refused', async ({ request }) => {
  const none = await request.post(`${host.origin}/api/app.ping`, { data: {} });
  expect(none.status()).toBe(401);
  expect(await none.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

  const wrong = await request.post(`${host.origin}/api/app.ping`, { headers: { Authorization: 'Bearer nope' }, data: {} });
  expect(wrong.status()).toBe(401);

  const bad = await request.post(`${host.origin}/api/app.ping`, {
    headers: { Authorization: `Bearer ${host.token}` },
    data: { echo: 42 },
  });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });

  const unknown = await request.post(`${host.origin}/api/fs.readFile`, { headers: { Authorization: `Bearer ${host.token}` }, data: {} });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
});

test('a request with a foreign Host header is refused (DNS rebinding)', async () => {
  // Raw http.request: browsers and Playwright's request context will not forge Host.
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: '/api/app.ping', method: 'POST', headers: { Host: 'attacker.example:80', Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
  expect(status).toBe(403);
});

test('static files do not escape the renderer folder', async ({ request }) => {
  const response = await request.get(`${host.origin}/..%2f..%2fpackage.json`);
  expect(response.status()).toBe(404);
});

test('the token leaves the address bar after load, and API calls keep working after a reload', async ({ page }) => {
  await page.goto(host.url);
  // The data folder line comes from an app.info call: the API works with the token the page took.
  await expect(page.getByTestId('data-folder')).toContainText(host.dataDir);
  expect(page.url()).toBe(`${host.origin}/`);
  expect(await page.evaluate(() => location.href)).not.toContain(host.token);
  await page.reload();
  await expect(page.getByTestId('data-folder')).toContainText(host.dataDir);
  expect(page.url()).toBe(`${host.origin}/`);
  const ping = await page.evaluate(async (token) => {
    const response = await fetch('/api/app.ping', {
      method: 'POST',
      headers: { Authorization: `Bearer ${sessionStorage.getItem('mnist-lab.token') === token ? token : 'missing'}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ echo: 'after reload' }),
    });
    return (await response.json()) as { ok: boolean; result?: { echo: string } };
  }, host.token);
  expect(ping).toMatchObject({ ok: true, result: { echo: 'after reload' } });
});

test('a page opened without a token, in a fresh tab, says how to get in', async ({ page }) => {
  await page.goto(`${host.origin}/`);
  await expect(page.getByText(/No API token in this tab\. Open the URL or the start page/)).toBeVisible();
});

test('the start page is owner-only, holds the token, and opens the lab without leaving the token in the address', async ({ page }) => {
  expect(statSync(host.startFile).mode & 0o777).toBe(0o600);
  expect(readFileSync(host.startFile, 'utf8')).toContain(host.url);
  await page.goto(pathToFileURL(host.startFile).href);
  await page.waitForURL(`${host.origin}/`);
  await expect(page.getByTestId('data-folder')).toContainText(host.dataDir);
  expect(page.url()).not.toContain(host.token);
});

test('the host prints its token on the URL line only, and removes the start page when it stops', async ({ request }) => {
  // Provoke the paths that could log: refused calls, bad arguments, a malformed target.
  await request.post(`${host.origin}/api/app.ping`, { headers: { Authorization: 'Bearer wrong' }, data: {} });
  await request.post(`${host.origin}/api/app.ping`, { headers: { Authorization: `Bearer ${host.token}` }, data: { echo: 7 } });
  await request.post(`${host.origin}/api/%E0%A4%A`, { headers: { Authorization: `Bearer ${host.token}` }, data: {} });
  const { stdout, stderr } = host.output();
  const urlLine = `MNIST Lab: ${host.url}`;
  expect(stdout.split('\n').filter((line) => line.includes(host.token))).toEqual([urlLine]);
  expect(stderr).not.toContain(host.token);

  const other = await startWebHost();
  expect(existsSync(other.startFile)).toBe(true);
  await other.stop({ keepData: true });
  expect(existsSync(other.startFile)).toBe(false);
  expect(other.output().stderr).not.toContain(other.token);
  rmSync(other.dataDir, { recursive: true, force: true });
});
