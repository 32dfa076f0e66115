/**
 * The Experiments panel end to end through the web host, in Chromium, with real training: "why
 * scale" and "batch size" run from their cards, the comparison opens with every variant and the
 * finding follows the measured numbers; every card is reachable by keyboard with a name; stopping
 * keeps the finished runs; an experiment does not start while the Train panel trains.
 */
import { expect, test, type Locator } from '@playwright/test';
import { EXPERIMENTS } from '../workers/engine/experiments/index.ts';
import { ARTIFACTS, trainPreset } from './support/lab-page.ts';
import { labSession } from './support/lab-session.ts';

// Real training: each experiment is ≤ 60 s on a quiet 2-core machine, several times that when the machine is shared.
test.describe.configure({ mode: 'serial', timeout: 600_000 });

const lab = labSession({ context: { viewport: { width: 1400, height: 950 } } });

const card = (question: string): Locator => lab.page.getByRole('article', { name: question, exact: true });
const percentIn = (text: string): number => Number(/(\d+\.\d) %/.exec(text)?.[1] ?? Number.NaN);

/** The result table's row for a variant, as cell texts (variant, status, test accuracy, s/epoch, epochs). */
async function resultRow(label: string): Promise<string[]> {
  const row = lab.page.getByRole('region', { name: /^Finding:/ }).getByRole('row').filter({ has: lab.page.getByRole('rowheader', { name: label, exact: true }) });
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
}

async function runFromCard(question: string, timeout = 480_000): Promise<Locator> {
  await card(question).getByRole('button', { name: `Run experiment: ${question}` }).click();
  await expect(lab.page.getByRole('progressbar', { name: 'Experiment progress' })).toBeVisible();
  const result = lab.page.getByRole('region', { name: `Finding: ${question}` });
  await expect(result).toBeVisible({ timeout });
  return result;
}

test('Alt+7 opens the panel: one card per question, each reachable by keyboard with its name', async () => {
  await lab.page.keyboard.press('Alt+7');
  await expect(lab.page.getByRole('heading', { level: 1 })).toHaveText('Experiments');
  await expect(lab.page.getByRole('article')).toHaveCount(EXPERIMENTS.length);
  for (const e of EXPERIMENTS) {
    const c = card(e.question);
    await expect(c).toBeVisible();
    await expect(c.getByRole('heading', { name: e.question })).toBeVisible();
    await expect(c).toContainText(/Trains \d runs .* — about \d+ (s|min) here\./);
  }
  await lab.page.screenshot({ path: `${ARTIFACTS}/experiments.png` });
  // Tab from the navigation through the page: every card's Run button gets the focus.
  await lab.page.getByRole('button', { name: /^Experiments\b/ }).focus();
  const reached = new Set<string>();
  for (let i = 0; i < 200 && reached.size < EXPERIMENTS.length; i++) {
    await lab.page.keyboard.press('Tab');
    const name = await lab.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    if (name.startsWith('Run experiment: ')) reached.add(name.slice('Run experiment: '.length));
  }
  expect([...reached].sort()).toEqual(EXPERIMENTS.map((e) => e.question).sort());
});

test('"why scale" runs from its card: all three runs compared, scaled beats raw, the finding quotes the numbers', async () => {
  const question = 'Why scale the images to 0–1?';
  const result = await runFromCard(question);
  await expect(result.getByRole('heading', { name: 'Comparing 3 runs' })).toBeVisible();
  for (const label of ['scaled 0–1', 'raw 0–255', 'standardised']) await expect(result.getByRole('button', { name: `Open why-scale · ${label}` })).toBeVisible();
  const scaled = await resultRow('scaled 0–1');
  const raw = await resultRow('raw 0–255');
  expect(scaled[1]).toBe('finished');
  const scaledAccuracy = percentIn(scaled[2]!);
  expect(scaledAccuracy).toBeGreaterThan(80);
  const finding = (await result.getByTestId('finding').innerText()).trim();
  expect(finding).toContain(`scaled 0–1: ${scaled[2]} test accuracy`);
  if (raw[1] === 'failed') expect(finding).toMatch(/raw 0–255: failed: /);
  else {
    expect(scaledAccuracy).toBeGreaterThan(percentIn(raw[2]!));
    expect(finding).toContain(`raw 0–255: ${raw[2]} test accuracy`);
  }
  await lab.page.screenshot({ path: `${ARTIFACTS}/experiment-why-scale.png`, fullPage: true });
});

test('"batch size": the finding names the variant that was fastest per epoch', async () => {
  const question = 'What is the batch size, and why do epochs and batch size matter?';
  const result = await runFromCard(question);
  await expect(result.getByRole('heading', { name: 'Comparing 3 runs' })).toBeVisible();
  const rows = await Promise.all(['batch 16', 'batch 128', 'batch 1024'].map(async (label) => ({ label, cells: await resultRow(label) })));
  for (const r of rows) expect(r.cells[1]).toBe('finished');
  // the table rounds to 0.1 s: the finding (exact times) may name any variant tied at the table's minimum
  const fastestShown = Math.min(...rows.map((r) => Number(r.cells[3])));
  const tied = rows.filter((r) => Number(r.cells[3]) === fastestShown).map((r) => r.label);
  await expect(result.getByTestId('finding')).toContainText('Fastest per epoch: ');
  const named = /Fastest per epoch: (batch \d+) \(/.exec(await result.getByTestId('finding').innerText())?.[1];
  expect(tied).toContain(named);
  await expect(result.getByTestId('finding')).toContainText(/After the same \d+(\.\d)? s of training, validation accuracy: /);
  await lab.page.screenshot({ path: `${ARTIFACTS}/experiment-batch-size.png`, fullPage: true });
});

test('the runs are kept in Runs, named after the experiment', async () => {
  await lab.page.keyboard.press('Alt+6');
  await expect(lab.page.getByRole('heading', { level: 1 })).toHaveText('Runs');
  for (const name of ['why-scale · raw 0–255', 'batch-size · batch 1024']) await expect(lab.page.getByText(name, { exact: true }).first()).toBeVisible();
});

test('"Try it yourself" puts a variant into the Model panel with the varied setting highlighted', async () => {
  await lab.page.keyboard.press('Alt+7');
  await card('What is the batch size, and why do epochs and batch size matter?').getByRole('button', { name: 'Put “batch 1024” into the Model panel' }).click();
  await expect(lab.page.getByRole('heading', { level: 1 })).toHaveText('Model');
  await expect(lab.page.getByRole('status').filter({ hasText: 'the highlighted setting is what it varies' })).toBeVisible();
  await expect(lab.page.getByLabel('Batch size')).toHaveValue('1024');
  await expect(lab.page.locator('.field.highlighted')).toHaveCount(1);
  await expect(lab.page.locator('.field.highlighted').getByLabel('Batch size')).toBeVisible();
});

test('stopping keeps the finished runs and says which are missing', async () => {
  await lab.page.keyboard.press('Alt+7');
  const question = 'What is an optimizer?';
  // Run 2 trains for ~0.5 s here, less than a click's round trip from the test: the page presses
  // Stop itself the moment the status announces run 2, so the stop lands inside it
  await lab.page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const announced = [...document.querySelectorAll('[role="status"]')].some((e) => /Run 2 of 3: rmsprop/.test(e.textContent ?? ''));
      const stop = [...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === 'Stop experiment');
      if (!announced || stop == null) return;
      observer.disconnect();
      (window as { run2Announced?: boolean }).run2Announced = true;
      stop.click();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await card(question).getByRole('button', { name: `Run experiment: ${question}` }).click();
  const result = lab.page.getByRole('region', { name: `Finding: ${question}` });
  await expect(result).toBeVisible({ timeout: 300_000 });
  // a status (role=status) announced "Run 2 of 3: rmsprop" before Stop was pressed
  expect(await lab.page.evaluate(() => (window as { run2Announced?: boolean }).run2Announced)).toBe(true);
  await expect(result.getByText(/Stopped\. Not run: adam \(lr 0\.001\)\./)).toBeVisible();
  expect((await resultRow('sgd (lr 0.01)'))[1]).toBe('finished');
  expect((await resultRow('adam (lr 0.001)'))[1]).toBe('not run');
  await expect(result.getByTestId('finding')).toContainText('Not run: adam (lr 0.001)');
});

test('while the Train panel trains, experiments say so instead of starting', async () => {
  // long enough (~25 s here) that it is still training when it is stopped below
  await trainPreset(lab.page, { subset: 10000, epochs: 100 });
  await lab.page.keyboard.press('Alt+7');
  await expect(lab.page.getByText('The Train panel is training a model; experiments can start when it is done.')).toBeVisible();
  await expect(card('What is an epoch?').getByRole('button', { name: 'Run experiment: What is an epoch?' })).toBeDisabled();
  await lab.page.keyboard.press('Alt+3');
  await lab.page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(lab.page.locator('.train-panel .status')).toHaveText(/Stopped/, { timeout: 60_000 });
  expect(lab.problems).toEqual([]);
});
