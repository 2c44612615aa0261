import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BatchKind } from './entities/batch.entity.js';

export interface BatchListFilter {
  documentId?: string;
  kind?: BatchKind;
  /** Part of the batch name, the 文号 or the document title. */
  q?: string;
  /** The province whose adoption of each batch is counted; none leaves adoption out. */
  provinceId?: string;
}

export interface BatchAdoption {
  regionId: string;
  adopted: boolean;
  taskCount: number;
  applicableCount: number;
  closedCount: number;
}

export interface BatchListRow {
  id: string;
  documentId: string;
  name: string;
  kind: BatchKind;
  publishedOn: string | null;
  defaultScope: string | null;
  createdAt: Date;
  updatedAt: Date;
  document: { id: string; docNumber: string; title: string; issuer: string | null; issuedOn: string | null; url: string | null; createdAt: Date; updatedAt: Date };
  itemCount: number;
  adoption: BatchAdoption | null;
}

interface Row {
  total: number;
  id: string | null;
  document_id: string;
  name: string;
  kind: BatchKind;
  published_on: string | null;
  default_scope: string | null;
  created_at: Date;
  updated_at: Date;
  doc_number: string;
  title: string;
  issuer: string | null;
  issued_on: string | null;
  url: string | null;
  doc_created_at: Date;
  doc_updated_at: Date;
  item_count: number;
  task_count: number | null;
  applicable_count: number | null;
  closed_count: number | null;
}

/**
 * Read model of 批次与导入: a page of batches with their document, item count and — for one province — its tasks
 * of each batch. It reads the tasks lib's table, as a read model may; one statement, whose single total row
 * outer-joined to the page also answers the total for a page past the end.
 */
const BATCH_PAGE = `
  WITH filtered AS (
    SELECT b.* FROM batch b JOIN policy_document d ON d.id = b.document_id
    WHERE ($1::uuid IS NULL OR b.document_id = $1)
      AND ($2::varchar IS NULL OR b.kind = $2)
      AND ($3::text IS NULL OR b.name ILIKE $3 OR d.doc_number ILIKE $3 OR d.title ILIKE $3)
  )
  SELECT counted.total, p.*
  FROM (SELECT count(*)::int AS total FROM filtered) counted
  LEFT JOIN LATERAL (
    SELECT b.id, b.document_id, b.name, b.kind, b.published_on::text, b.default_scope, b.created_at, b.updated_at,
           d.doc_number, d.title, d.issuer, d.issued_on::text, d.url, d.created_at AS doc_created_at, d.updated_at AS doc_updated_at,
           (SELECT count(*)::int FROM reform_item i WHERE i.batch_id = b.id) AS item_count,
           a.task_count, a.applicable_count, a.closed_count
    FROM filtered b
    JOIN policy_document d ON d.id = b.document_id
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS task_count,
             count(*) FILTER (WHERE t.status <> 'not_applicable')::int AS applicable_count,
             count(*) FILTER (WHERE t.status = 'closed')::int AS closed_count
      FROM task t JOIN reform_item i ON i.id = t.reform_item_id
      WHERE i.batch_id = b.id AND t.region_id = $4
    ) a ON $4::uuid IS NOT NULL
    ORDER BY b.published_on DESC NULLS LAST, b.name, b.id
    LIMIT $5 OFFSET $6
  ) p ON true`;

@Injectable()
export class BatchListQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filter: BatchListFilter, offset: number, limit: number): Promise<{ rows: BatchListRow[]; total: number }> {
    const rows = await this.dataSource.query<Row[]>(BATCH_PAGE, [filter.documentId ?? null, filter.kind ?? null, filter.q ? `%${filter.q}%` : null, filter.provinceId ?? null, limit, offset]);
    return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null).map((r) => toListRow(r, filter.provinceId)) };
  }
}

function toListRow(r: Row, provinceId: string | undefined): BatchListRow {
  return {
    id: r.id!,
    documentId: r.document_id,
    name: r.name,
    kind: r.kind,
    publishedOn: r.published_on,
    defaultScope: r.default_scope,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    document: { id: r.document_id, docNumber: r.doc_number, title: r.title, issuer: r.issuer, issuedOn: r.issued_on, url: r.url, createdAt: r.doc_created_at, updatedAt: r.doc_updated_at },
    itemCount: r.item_count,
    adoption: provinceId
      ? { regionId: provinceId, adopted: (r.task_count ?? 0) > 0, taskCount: r.task_count ?? 0, applicableCount: r.applicable_count ?? 0, closedCount: r.closed_count ?? 0 }
      : null,
  };
}
