import type { Page } from 'playwright-core';

// Evaluated in the page (a string: the suites are type-checked without the DOM library).
const SETTLED = `[...document.querySelectorAll('.el-loading-mask')].every((mask) => mask.offsetParent === null)
  && document.getAnimations().every((animation) => animation.playState !== 'running')`;

/**
 * Waits until no Element Plus loading mask is visible and no transition is running (masks fade out, dialogs and
 * drawers slide in), so a screenshot shows the page a person sees rather than a frame of an animation.
 */
export async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(SETTLED);
}

/** The page's full width in CSS pixels: at 390 px nothing may scroll sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}
