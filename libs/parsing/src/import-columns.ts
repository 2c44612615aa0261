import { normaliseKey } from './normalise.js';

export type ImportField = 'seq' | 'name' | 'departments' | 'scope' | 'deadline' | 'outcome' | 'content' | 'domain' | 'sourceDocument';

/** Header wordings seen in the annex tables, per field; the first ones are the most common. */
export const IMPORT_HEADER_SYNONYMS: Record<ImportField, string[]> = {
  seq: ['序号', '编号', '序列号'],
  name: ['改革事项', '任务内容', '工作任务', '制度创新成果名称', '事项名称', '案例名称', '事项', '改革事项名称', '任务名称', '试点经验'],
  departments: ['负责部门', '负责单位', '牵头实施部门', '牵头部门', '牵头单位', '责任部门', '责任单位', '部门', '实施部门'],
  scope: ['推广范围', '适用范围', '复制推广范围', '实施范围'],
  deadline: ['时限', '时间进度', '时间节点', '推广时间', '完成时限', '完成时间', '时间要求', '进度安排'],
  outcome: ['可检验成果', '可检验的成果形式', '成果形式', '预期成果'],
  content: ['主要内容', '创新点', '具体任务', '具体内容', '工作内容', '主要做法'],
  domain: ['领域', '类别', '所属领域', '改革领域'],
  sourceDocument: ['发布文件', '文件名称', '来源文件', '依据文件'],
};

export const REQUIRED_IMPORT_FIELDS: ImportField[] = ['name'];

function headerKey(h: string): string {
  return normaliseKey(h ?? '')
    .replace(/[（(][^（）()]*[）)]/g, '')
    .replace(/[:：*＊]+$/u, '');
}

const SYNONYM_INDEX: [string, ImportField][] = Object.entries(IMPORT_HEADER_SYNONYMS).flatMap(([field, words]) =>
  words.map((w) => [headerKey(w), field as ImportField] as [string, ImportField]),
);

function fieldFor(header: string): ImportField | null {
  const key = headerKey(header);
  if (!key) return null;
  const exact = SYNONYM_INDEX.find(([w]) => w === key);
  if (exact) return exact[1];
  // "负责部门及参与部门", "推广时间（年份）": the longest synonym inside the header, if only one field fits.
  const inside = SYNONYM_INDEX.filter(([w]) => w.length >= 2 && key.includes(w)).sort((a, b) => b[0].length - a[0].length);
  if (!inside.length) return null;
  const best = inside.filter(([w]) => w.length === inside[0]![0].length);
  const fields = new Set(best.map(([, f]) => f));
  return fields.size === 1 ? best[0]![1] : null;
}

/**
 * Maps the header row of an annex table to field → column index. The first column that claims a
 * field keeps it; a second one is reported as unknown rather than silently overwriting it.
 */
export function resolveImportColumns(headers: string[]): {
  columns: Partial<Record<ImportField, number>>;
  unknown: string[];
  missingRequired: ImportField[];
} {
  const columns: Partial<Record<ImportField, number>> = {};
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    const field = fieldFor(h);
    if (field && columns[field] === undefined) columns[field] = i;
    else if (normaliseKey(h ?? '')) unknown.push(h);
  });
  return { columns, unknown, missingRequired: REQUIRED_IMPORT_FIELDS.filter((f) => columns[f] === undefined) };
}

/** A 负责部门 column headed 牵头部门 / 牵头单位 / 牵头实施部门: the departments it names lead (see parseDepartments). */
export function isLeadColumn(header: string): boolean {
  return fieldFor(header) === 'departments' && headerKey(header).includes('牵头');
}
