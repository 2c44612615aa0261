import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option of an Element Plus select by the select's accessible name. The select shows its value in an element
 * laid over its input, so the click goes through it; each opened select keeps its (hidden) list in the page, so only
 * the visible option counts.
 */
export async function choose(page: Page, select: string | Locator, option: string): Promise<void> {
  const combobox = typeof select === 'string' ? page.getByRole('combobox', { name: select }) : select;
  // A list closed a moment ago fades out with the same options still visible: wait until no list is showing.
  await page.locator('.el-select__popper').filter({ visible: true }).first().waitFor({ state: 'hidden' });
  const wanted = page.getByRole('option', { name: option, exact: true }).filter({ visible: true });
  // Options loaded after the list first opened (a dialog's pickers fetch on open) may never show in a list that was
  // opened empty while the machine is busy: close it and open it again until the option is there.
  for (let attempt = 1; ; attempt++) {
    await combobox.click({ force: true });
    try {
      await wanted.waitFor({ timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await wanted.click();
}
