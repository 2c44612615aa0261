import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { badField, csvRecord, pageOf, spreadsheetText, type Page } from '#libs/common';
import { AuditRepository, type AuditLogEntry, type AuditSearch } from './audit.repository.js';
import type { AuditLogExportQueryDto, AuditLogQueryDto } from './dto/audit-log.dto.js';

/** Where an export goes: an HTTP response (headers, then the bytes). */
export type AuditExportTarget = Writable & { setHeader(name: string, value: string): unknown };

/** Rows read per round trip while an export streams out. */
const CHUNK = 2_000;

const COLUMNS = [
  { header: '时间', key: 'at', width: 22 },
  { header: '操作人', key: 'actor', width: 16 },
  { header: '操作', key: 'action', width: 22 },
  { header: '对象类型', key: 'entityType', width: 14 },
  { header: '对象 id', key: 'entityId', width: 38 },
  { header: '修改前', key: 'before', width: 40 },
  { header: '修改后', key: 'after', width: 40 },
  { header: '链序号', key: 'sealSeq', width: 10 },
] as const;

type Cells = Record<(typeof COLUMNS)[number]['key'], string | number | null>;

const json = (value: Record<string, unknown> | null) => (value === null ? null : spreadsheetText(JSON.stringify(value)));

// Times in Beijing time, as the administrator reads them; the ISO offset keeps them unambiguous.
function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +08:00');
}

function toCells(e: AuditLogEntry): Cells {
  return {
    at: beijingTime(new Date(e.at)),
    actor: spreadsheetText(e.actorUsername ?? '系统'),
    action: spreadsheetText(e.action),
    entityType: spreadsheetText(e.entityType),
    entityId: e.entityId,
    before: json(e.before),
    after: json(e.after),
    sealSeq: e.sealSeq,
  };
}

/** The audit administrator's reading of the audit table (审计日志, 登录日志): search and export, nothing else. */
@Injectable()
export class AuditLogService {
  constructor(private readonly repo: AuditRepository) {}

  async search(query: AuditLogQueryDto): Promise<Page<AuditLogEntry>> {
    const { items, total } = await this.repo.search({ ...this.filters(query), offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
    return pageOf(items, total, query);
  }

  /** Streams every matching row, newest first, as xlsx or csv. A failing query fails before any byte is sent. */
  async export(query: AuditLogExportQueryDto, out: AuditExportTarget): Promise<void> {
    // The upper bound is fixed when the export starts, so rows written meanwhile do not shift the pages.
    const filters = { ...this.filters(query), to: query.to ? new Date(query.to) : new Date() };
    const first = await this.repo.search({ ...filters, offset: 0, limit: CHUNK });
    const name = `审计日志-${new Date().toISOString().slice(0, 10)}.${query.format}`;
    out.setHeader('Content-Disposition', `attachment; filename="audit-log.${query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    out.setHeader('Content-Type', query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const rows = this.rows(filters, first.items);
    if (query.format === 'csv') await this.writeCsv(rows, out);
    else await this.writeXlsx(rows, out);
  }

  private async *rows(filters: Omit<AuditSearch, 'offset' | 'limit'>, first: AuditLogEntry[]): AsyncGenerator<Cells> {
    let items = first;
    for (let offset = 0; ; ) {
      for (const e of items) yield toCells(e);
      if (items.length < CHUNK) return;
      offset += CHUNK;
      ({ items } = await this.repo.search({ ...filters, offset, limit: CHUNK }));
    }
  }

  private async writeCsv(rows: AsyncGenerator<Cells>, out: Writable): Promise<void> {
    // The BOM makes Excel read the file as UTF-8 (Chinese names and actions).
    out.write('\uFEFF' + csvRecord(COLUMNS.map((c) => c.header)));
    for await (const cells of rows) {
      if (!out.write(csvRecord(COLUMNS.map((c) => cells[c.key])))) await new Promise((resolve) => out.once('drain', resolve));
    }
    out.end();
  }

  private async writeXlsx(rows: AsyncGenerator<Cells>, out: Writable): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = '自贸试验区改革试点经验复制推广跟踪系统';
    const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
    sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const cells of rows) sheet.addRow(cells).commit();
    sheet.commit();
    await workbook.commit();
  }

  private filters(query: Omit<AuditLogQueryDto, 'page' | 'pageSize'>): Omit<AuditSearch, 'offset' | 'limit'> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from >= to) throw badField('from', '起始时间须早于截止时间');
    return { from, to, actor: query.actor, action: query.action, entityType: query.entityType, entityId: query.entityId };
  }
}
