import { describe, expect, it } from '@jest/globals';
import { IMPORT_HEADER_SYNONYMS } from '#libs/parsing';
import { appConfig } from '#libs/common';
import { importLimits } from './import-limits.js';
import { buildImportTable } from './import-table.js';
import { buildImportTemplate } from './import-template.js';
import { readXlsx } from './readers/xlsx-reader.js';

const limits = importLimits(appConfig());

describe(buildImportTemplate.name, () => {
  it('has a header the importer reads as every field it knows, and an example row it accepts', async () => {
    const table = buildImportTable(await readXlsx(new Uint8Array(await buildImportTemplate()), limits));
    expect(table.headerRow).toBe(1);
    expect(Object.keys(table.columns).sort()).toEqual(Object.keys(IMPORT_HEADER_SYNONYMS).sort());
    expect(table.ignoredColumns).toEqual([]);
    expect(table.problems).toEqual([]);
    expect(table.rows).toEqual([expect.objectContaining({ row: 2, input: expect.objectContaining({ seq: 2, departmentsText: '海关总署', deadlineText: '2016年11月30日前' }) })]);
  });
});
