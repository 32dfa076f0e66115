/**
 * The setup every serial UI spec shares: one web host, one page in its own browser context that
 * keeps its state from test to test, problems collected from the start, MNIST ready. The hooks are
 * registered in the calling spec file, so the session lives exactly as long as that file: a
 * worker-scoped `test.extend` fixture would outlive it (Playwright reuses a worker for the next
 * file) and hand the next spec this spec's runs.
 */
import { test, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { collectProblems, useOfflineMnist } from './lab-page.ts';
import { startWebHost, type RunningWebHost } from './web-host.ts';

export interface LabSession {
  readonly host: RunningWebHost;
  readonly page: Page;
  /** console and page errors so far, in the page and its workers */
  readonly problems: string[];
}

export interface LabSessionOptions {
  /** viewport and the like; 1400×900 unless given */
  context?: BrowserContextOptions;
  /** runs before the first navigation, e.g. to add init scripts */
  beforeGoto?: (page: Page) => Promise<void>;
}

export function labSession(options: LabSessionOptions = {}): LabSession {
  let host: RunningWebHost | undefined;
  let context: BrowserContext | undefined;
  let session: LabSession | undefined;
  const current = (): LabSession => {
    if (!session) throw new Error('the lab session is used before its beforeAll hook ran');
    return session;
  };
  test.beforeAll(async ({ browser }) => {
    host = await startWebHost();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...options.context });
    const page = await context.newPage();
    session = { host, page, problems: collectProblems(page) };
    await options.beforeGoto?.(page);
    await page.goto(host.url);
    await useOfflineMnist(page);
  });
  test.afterAll(async () => {
    await context?.close();
    await host?.stop();
  });
  return {
    get host() {
      return current().host;
    },
    get page() {
      return current().page;
    },
    get problems() {
      return current().problems;
    },
  };
}
