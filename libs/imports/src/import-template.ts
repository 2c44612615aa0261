import ExcelJS from 'exceljs';
import { IMPORT_HEADER_SYNONYMS, REQUIRED_IMPORT_FIELDS, type ImportField } from '#libs/parsing';
import { FIELD_LABELS } from './import-table.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TEMPLATE_FILE_NAME = '改革事项导入模板.xlsx';

/** Column order and width of the template; the header text is each field's first synonym. */
const TEMPLATE_COLUMNS: [ImportField, number][] = [
  ['seq', 8],
  ['name', 48],
  ['domain', 14],
  ['content', 40],
  ['departments', 28],
  ['scope', 22],
  ['deadline', 20],
  ['outcome', 30],
  ['sourceDocument', 24],
];

/** A real item: 国发〔2016〕63号 附件 任务分工表, item 2. */
const EXAMPLE: Partial<Record<ImportField, string | number>> = {
  seq: 2,
  name: '依托电子口岸公共平台建设国际贸易单一窗口，推进单一窗口免费申报机制',
  domain: '贸易便利化',
  departments: '海关总署',
  scope: '全国',
  deadline: '2016年11月30日前',
  sourceDocument: '国发〔2016〕63号',
};

const FORMAT_NOTES: Partial<Record<ImportField, string>> = {
  seq: '正整数；为空时按数据行的顺序编号。同一文件中不能重复。重新导入同一文号、同一批次时按序号更新，不会重复新增。',
  name: '必填。',
  departments: '“、”分隔，排第一位的为牵头部门；也可写“X牵头，Y、Z参加”或“X、Y等有关部门”。按部门名称或别名（如 工商总局→市场监管总局）匹配已登记部门，未匹配的会提示。',
  scope: '全国、自贸试验区、海关特殊监管区域、实行通关一体化的海关特殊监管区域、沿海地区、全省，或列出省市（天津、上海、海南）。为空或只有备注（如“（涉及港口事项可结合当地实际）”）时保留备注，按批次默认范围 defaultScope。',
  deadline: '按原文填写，例如 2016年11月30日前、2015年年底前、2015年上半年启动、2—3年内（自发文日期起算）、持续实施、结合扩大开放情况、2020年。无法识别的保留原文并提示，不作推断。',
  domain: '如 投资管理、贸易便利化、金融、事中事后监管、服务业开放。',
};

const GENERAL_NOTES = [
  '只读取第一个工作表。表头行可以不在第一行：上方可有“附件1 …任务分工表”之类的标题行。',
  '合并单元格：负责部门、推广范围、时限、领域、发布文件列纵向合并时，合并范围内的每一行都按该值导入。',
  '也可上传 CSV（UTF-8，带或不带 BOM；或 Excel 中文版“CSV（逗号分隔）”保存的 GBK/GB18030 编码）。文件不超过 10 MB。',
  '也可直接粘贴：在 Word、WPS 或 Excel 中选中整个表格（含表头行）复制，粘贴到导入页面的文本框（text），表头写法与文件相同。',
  '表中的部门名称未匹配到已登记部门时，导入结果逐一列出；可将其对应到已登记的部门（记为别名，以后自动识别）或新建部门（departmentMappings）。',
  '文件信息（文号 docNumber、标题 title、发文机关 issuer、发文日期 issuedOn）和批次信息（批次名称 batchName、类型 batchKind、默认推广范围 defaultScope）在上传时填写，不在表格中。',
  '建议先“预演”（dryRun=true）：查看将新建/更新的内容与逐行问题，不写入任何数据。任一行有问题时整表不导入，除非选择跳过有问题的行（skipInvalid=true）。',
];

/** The downloadable template: headers, one example row, and a second sheet explaining synonyms and formats. */
export async function buildImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '自贸试验区改革试点经验复制推广跟踪系统';

  const sheet = workbook.addWorksheet('改革事项', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map(([field, width]) => ({ header: FIELD_LABELS[field], key: field, width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  sheet.addRow(EXAMPLE).alignment = { vertical: 'top', wrapText: true };

  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '列', key: 'column', width: 14 },
    { header: '必填', key: 'required', width: 8 },
    { header: '可用的表头写法（同义词）', key: 'synonyms', width: 60 },
    { header: '填写说明', key: 'notes', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [field] of TEMPLATE_COLUMNS) {
    help.addRow({
      column: FIELD_LABELS[field],
      required: REQUIRED_IMPORT_FIELDS.includes(field) ? '是' : '否',
      synonyms: IMPORT_HEADER_SYNONYMS[field].join('、'),
      notes: FORMAT_NOTES[field] ?? '',
    }).alignment = { vertical: 'top', wrapText: true };
  }
  help.addRow([]);
  for (const note of GENERAL_NOTES) help.addRow({ column: '说明', notes: note }).alignment = { vertical: 'top', wrapText: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
