/**
 * Accessibility checked, not assumed: axe-core (WCAG 2.1 A and AA rules) on every panel, in the
 * light and the dark theme (the OS setting, emulated), with a trained model (Evaluate and Draw have
 * something to show) and two runs kept (the Runs table, then an open comparison). No serious or
 * critical violation may remain; the counts per view are printed.
 */
import { expect, test } from '@playwright/test';
import axe from 'axe-core';
import { openPanel, trainPreset, waitForTrainingEnd } from './support/lab-page.ts';
import { labSession } from './support/lab-session.ts';

test.describe.configure({ mode: 'serial' });

const WCAG_21_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const PANELS = ['Data', 'Model', 'Train', 'Evaluate', 'Draw', 'Runs'] as const;

interface Finding {
  view: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

const lab = labSession({ context: { viewport: { width: 1400, height: 950 } } });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  for (const batchSize of [128, 64]) {
    await trainPreset(lab.page, { subset: 1000, epochs: 1, batchSize });
    await waitForTrainingEnd(lab.page);
  }
  // axe's source evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
  await lab.page.evaluate(axe.source);
});

/** Serious and critical findings of axe-core's WCAG 2.1 A/AA rules on the page as it is now. */
async function audit(view: string): Promise<{ findings: Finding[]; counts: Record<string, number> }> {
  const results = await lab.page.evaluate(async (tags) => {
    const run = await (globalThis as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return run.violations.map((v) => ({ rule: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, WCAG_21_A_AA);
  const counts: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const r of results) counts[r.impact] = (counts[r.impact] ?? 0) + r.targets.length;
  const findings = results.filter((r) => r.impact === 'serious' || r.impact === 'critical').map((r) => ({ view, ...r }));
  return { findings, counts };
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every panel passes axe-core's WCAG 2.1 A/AA rules in the ${colorScheme} theme`, async () => {
    test.setTimeout(180_000);
    await lab.page.emulateMedia({ colorScheme });
    const findings: Finding[] = [];
    const report = async (view: string) => {
      // let transitions and the theme switch settle before colours are measured
      await lab.page.waitForTimeout(400);
      const result = await audit(view);
      findings.push(...result.findings);
      console.log(`axe ${colorScheme} ${view}: ${Object.entries(result.counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    };
    for (const panel of PANELS) {
      await openPanel(lab.page, panel);
      await report(panel);
      if (panel === 'Evaluate') {
        // the matrix still shows its counts as colour (the fill was toned down for contrast, not removed)
        const [cell, empty] = await lab.page.evaluate(() =>
          ['table button.diagonal[style]', 'table button.zero'].map((s) => getComputedStyle(document.querySelector(s)!).backgroundColor),
        );
        expect(cell).not.toBe(empty);
      }
    }
    // Runs with an open comparison
    const boxes = lab.page.getByRole('checkbox', { name: /^Select .* for comparison/ });
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await lab.page.getByRole('button', { name: /^Compare/ }).click();
    await expect(lab.page.getByText(/batch size differs/i).first()).toBeVisible();
    await report('Runs comparison');
    await lab.page.getByRole('button', { name: 'All runs' }).click();

    for (const f of findings) console.log(`  ${f.impact} ${f.rule} in ${f.view}: ${f.help}\n    ${f.targets.slice(0, 5).join('\n    ')}`);
    expect(findings.map((f) => `${f.view}: ${f.rule} (${f.impact}) × ${f.targets.length}`)).toEqual([]);
    expect(lab.problems).toEqual([]);
  });
}
