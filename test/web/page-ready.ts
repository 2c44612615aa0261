import type { Page } from 'playwright-core';

// Evaluated in the page (a string: the suites are type-checked without the DOM library).
const SETTLED = `[...document.querySelectorAll('.el-loading-mask')].every((mask) => mask.offsetParent === null)
  && document.getAnimations().every((animation) => animation.playState !== 'running')`;

/**
 * Polls `expression` in the page until it is true. Through page.evaluate (the DevTools protocol), not waitForFunction:
 * that one compiles its predicate with eval inside the page, which the app's Content-Security-Policy forbids.
 */
export async function until(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Waits until no Element Plus loading mask is visible and no transition is running (masks fade out, dialogs and
 * drawers slide in), so a screenshot shows the page a person sees rather than a frame of an animation.
 */
export async function loaded(page: Page): Promise<void> {
  await until(page, SETTLED);
}

/** The page's full width in CSS pixels: at 390 px nothing may scroll sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}
