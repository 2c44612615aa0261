/** One row of a sheet as the user sees it: `row` is the number Excel shows (1-based, title and header rows included). */
export interface RawRow {
  row: number;
  cells: string[];
  /**
   * Columns whose text was copied from the cell above because the source merged them vertically
   * (annex tables merge 负责部门 / 推广范围 / 时限 over the items they share). Only XLSX knows this.
   */
  mergedDown?: boolean[];
}
