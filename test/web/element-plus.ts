import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option of an Element Plus select by the select's accessible name. The select shows its value in an element
 * laid over its input, so the click goes through it; each opened select keeps its (hidden) list in the page, so only
 * the visible option counts.
 */
export async function choose(page: Page, select: string | Locator, option: string): Promise<void> {
  const combobox = typeof select === 'string' ? page.getByRole('combobox', { name: select }) : select;
  await combobox.click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).click();
}
