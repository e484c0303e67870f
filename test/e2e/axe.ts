import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's own build, put into the page by the DevTools protocol (the app's CSP allows no inline script). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  });
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}\n        ${n.failureSummary.replace(/\n/g, '\n        ')}`);
      const more = v.nodes.length > 5 ? [`      … and ${v.nodes.length - 5} more`] : [];
      return [`  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'})`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}

/** Waits (at most 5 s) until no finite animation runs: toasts, popups and dialogs fade in and out; spinners turn for ever. */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, {
      timeout: 5_000,
    })
    .catch(() => undefined);
}

/** What is serious or critical in a list of violations. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * The violations on the screen once it has settled. A toast that starts fading in or out while axe
 * reads its colours (the one-time 可离线使用 toast comes whenever the service worker is ready) is
 * not what a person reads: when something serious shows, the screen is read again after it has
 * settled, up to three times; what persists is reported.
 */
export async function settledViolations(page: Page): Promise<AxeViolation[]> {
  await settle(page);
  let violations = await axeViolations(page);
  for (let attempt = 0; attempt < 3 && blocking(violations).length > 0; attempt++) {
    await page.waitForTimeout(700);
    await settle(page);
    violations = await axeViolations(page);
  }
  return violations;
}

/**
 * The serious and critical violations on the settled screen, described readably, or '' when there
 * are none. Every journey's screenshot() asks this (docs: packages/pwa/README.md "Readable outdoors").
 */
export async function blockingViolations(page: Page): Promise<string> {
  const found = blocking(await settledViolations(page));
  return found.length === 0 ? '' : describeViolations(found);
}
