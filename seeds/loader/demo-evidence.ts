import type { AuthUser } from '#libs/common';
import type { EvidencePurpose, EvidenceView } from '#libs/progress';
import type { DemoContext } from './demo-context.js';

const LINE_CHARS = 34;

/** UTF-16BE hex: what the UniGB-UCS2-H encoding of the PDF's standard Chinese font reads. */
function ucs2Hex(text: string): string {
  return [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

function wrap(text: string): string[] {
  const chars = [...text];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += LINE_CHARS) lines.push(chars.slice(i, i + LINE_CHARS).join(''));
  return lines;
}

/**
 * A one-page PDF with a title and paragraphs in Chinese, a few hundred bytes: real evidence the api accepts
 * (its type check reads the %PDF magic) and a reader shows. It uses STSong-Light, one of the Adobe standard CJK fonts
 * readers carry, so nothing is embedded; the same text always gives the same bytes.
 */
export function demoPdf(title: string, paragraphs: string[]): Buffer {
  const lines = [{ size: 16, text: title }, ...paragraphs.flatMap((p) => wrap(p).map((text) => ({ size: 11, text })))];
  const content = ['BT', '/F1 16 Tf', '20 TL', '56 780 Td', ...lines.map((l) => `/F1 ${l.size} Tf <${ucs2Hex(l.text)}> Tj T*`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

export interface DemoUpload {
  taskId: string;
  purpose: EvidencePurpose;
  title: string;
  paragraphs: string[];
  user: AuthUser;
  reportId?: string;
  rolloutId?: string;
}

/**
 * Uploads a demo PDF on the day `on` through the evidence service, as the api's upload route would (bytes to
 * EVIDENCE_DIR, row, audit); the row's uploaded_at, which the database stamps, is then dated to that day too.
 */
export async function uploadDemoPdf(ctx: Pick<DemoContext, 'db' | 'services' | 'timeline'>, on: string, u: DemoUpload): Promise<EvidenceView> {
  return ctx.timeline.at(on, async () => {
    const file = await ctx.services.evidence.upload(u.taskId, { originalname: `${u.title}.pdf`, buffer: demoPdf(u.title, u.paragraphs) }, { purpose: u.purpose, reportId: u.reportId, rolloutId: u.rolloutId }, u.user);
    await ctx.db.query(`UPDATE evidence_file SET uploaded_at = $2 WHERE id = $1`, [file.id, ctx.timeline.current()]);
    return file;
  });
}
