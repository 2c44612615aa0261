import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { spreadsheetText, type AuthUser } from '#libs/common';
import { DashboardsService, type DashboardScope } from '#libs/dashboards';
import { TASK_DEADLINE_KIND_LABELS, TASK_STATUS_LABELS } from '#libs/tasks';
import type { LedgerExportQueryDto } from './dto/ledger-export-query.dto.js';
import { ledgerRows, ledgerTaskIds, type LedgerRow } from './ledger.queries.js';

/** Where the workbook goes: an HTTP response (headers, then the bytes). */
export type LedgerTarget = Writable & { setHeader(name: string, value: string): unknown };

const DATE_FORMAT = 'yyyy-mm-dd';
/** Rows read from the database per round trip while the workbook streams out. */
const CHUNK = 500;

/** The columns provinces keep in their ledgers (台账), in their order. */
export const LEDGER_COLUMNS = [
  { header: '序号', key: 'no', width: 6 },
  { header: '改革事项', key: 'item', width: 36 },
  { header: '批次/文号', key: 'batch', width: 26 },
  { header: '牵头部门', key: 'lead', width: 16 },
  { header: '参与部门', key: 'participants', width: 24 },
  { header: '推广范围', key: 'scope', width: 14 },
  { header: '时间节点', key: 'deadline', width: 13, numFmt: DATE_FORMAT },
  { header: '可检验成果', key: 'outcome', width: 30 },
  { header: '最新进展', key: 'progress', width: 40 },
  { header: '存在问题', key: 'problems', width: 28 },
  { header: '状态', key: 'status', width: 11 },
  { header: '是否逾期', key: 'overdue', width: 9 },
  { header: '是否销号', key: 'closed', width: 9 },
  { header: '销号日期', key: 'closedOn', width: 12, numFmt: DATE_FORMAT },
] as const;

/** A calendar date as an Excel date: midnight UTC is what exceljs turns into a whole serial day. */
const excelDate = (date: string) => new Date(`${date}T00:00:00Z`);

// Every text cell is neutralised: item names, outcomes and progress are typed (or imported) by users.
function toCells(no: number, r: LedgerRow): Record<(typeof LEDGER_COLUMNS)[number]['key'], string | number | Date | null> {
  return {
    no,
    item: spreadsheetText(r.itemName),
    batch: spreadsheetText(`${r.batchName}\n${r.docNumber}`),
    lead: spreadsheetText(r.leadDepartment),
    participants: spreadsheetText(r.participants),
    scope: spreadsheetText(r.scopeText),
    // A dated task shows its date; 持续实施 / 视条件推进 are words, as in the provinces' tables.
    deadline: r.deadlineKind === 'date' ? (r.dueDate ? excelDate(r.dueDate) : spreadsheetText(r.deadlineText)) : TASK_DEADLINE_KIND_LABELS[r.deadlineKind],
    outcome: spreadsheetText(r.outcome),
    progress: r.reportPeriod ? `【${r.reportPeriod}】${r.progress}` : null,
    problems: spreadsheetText(r.problems),
    status: TASK_STATUS_LABELS[r.status],
    overdue: r.overdue ? '是' : '否',
    closed: r.status === 'closed' ? '是' : '否',
    closedOn: r.closedOn ? excelDate(r.closedOn) : null,
  };
}

@Injectable()
export class LedgerService {
  private readonly logger = new Logger(LedgerService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dashboards: DashboardsService,
  ) {}

  /**
   * Streams the ledger of the caller's province (with the dashboard filters and the task ledger's) as xlsx into `out`. Bad filters fail
   * before any header is set, so they still answer 400/403; a failure once bytes are flowing aborts the download.
   */
  async export(filters: LedgerExportQueryDto, user: AuthUser, out: LedgerTarget): Promise<void> {
    const scope = await this.dashboards.resolveScope(filters, user);
    const ids = await ledgerTaskIds(this.db.manager, scope, filters);
    const filename = `${scope.provinceName}${scope.cityName ?? ''}复制推广台账-${scope.today}.xlsx`;
    out.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    out.setHeader('Content-Disposition', `attachment; filename="ledger-${scope.today}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
    out.setHeader('Cache-Control', 'no-store');
    try {
      await this.writeWorkbook(scope, ids, out);
    } catch (error) {
      this.logger.error(`ledger export failed after streaming started: ${error instanceof Error ? error.stack : String(error)}`);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async writeWorkbook(scope: DashboardScope, ids: string[], out: Writable): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = '自贸试验区改革试点经验复制推广跟踪系统';
    workbook.created = new Date();
    const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }], properties: { defaultRowHeight: 18 } });
    sheet.columns = LEDGER_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: { alignment: { wrapText: true, vertical: 'top' }, ...('numFmt' in c ? { numFmt: c.numFmt } : {}) },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    header.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
    let no = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const byId = new Map((await ledgerRows(this.db.manager, scope, chunk)).map((r) => [r.id, r]));
      for (const id of chunk) {
        const row = byId.get(id);
        // A task deleted between the two reads is simply left out.
        if (row) sheet.addRow(toCells(++no, row)).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  }
}
