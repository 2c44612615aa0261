import type { Page } from 'playwright-core';

/**
 * Waits until no Element Plus loading mask is visible and no transition is running (masks fade out, dialogs and
 * drawers slide in), so a screenshot shows the page a person sees rather than a frame of an animation.
 */
export async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>('.el-loading-mask')].every((mask) => mask.offsetParent === null) &&
      document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
}
