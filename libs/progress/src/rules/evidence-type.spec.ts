import { describe, expect, it } from '@jest/globals';
import { contentDisposition, detectEvidenceType, safeFileName } from './evidence-type.js';

const bytes = (...b: number[]) => Buffer.from(b);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n');
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
const JPG = bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16);
const zipWith = (part: string) => Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.alloc(26), Buffer.from(`[Content_Types].xml${part}document.xml`)]);

describe(detectEvidenceType.name, () => {
  it('accepts the five allowed types when the content matches the extension', () => {
    expect(detectEvidenceType('验收报告.pdf', PDF)).toEqual({ ok: true, extension: 'pdf', mimeType: 'application/pdf' });
    expect(detectEvidenceType('现场.PNG', PNG)).toMatchObject({ ok: true, extension: 'png', mimeType: 'image/png' });
    expect(detectEvidenceType('photo.jpeg', JPG)).toMatchObject({ ok: true, extension: 'jpg', mimeType: 'image/jpeg' });
    expect(detectEvidenceType('方案.docx', zipWith('word/'))).toMatchObject({ ok: true, extension: 'docx' });
    expect(detectEvidenceType('台账.xlsx', zipWith('xl/'))).toMatchObject({ ok: true, extension: 'xlsx' });
  });

  it('refuses other extensions, whatever the content', () => {
    for (const name of ['setup.exe', 'report.doc', 'notes.txt', 'noextension', 'archive.zip']) {
      expect(detectEvidenceType(name, PDF)).toMatchObject({ ok: false });
    }
  });

  it('refuses content that does not match the extension', () => {
    expect(detectEvidenceType('fake.pdf', Buffer.from('MZ\x90\x00 not a pdf'))).toMatchObject({ ok: false, message: expect.stringContaining('.pdf') });
    expect(detectEvidenceType('fake.png', JPG)).toMatchObject({ ok: false });
    expect(detectEvidenceType('empty.pdf', Buffer.alloc(0))).toMatchObject({ ok: false });
    // a workbook renamed to .docx, or any zip, is not a Word document
    expect(detectEvidenceType('renamed.docx', zipWith('xl/'))).toMatchObject({ ok: false });
    expect(detectEvidenceType('plain.xlsx', zipWith('data/'))).toMatchObject({ ok: false });
  });
});

describe(safeFileName.name, () => {
  it('keeps only the base name, without control characters', () => {
    expect(safeFileName('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\张三\\验收\u0000报告.pdf', 'pdf')).toBe('验收报告.pdf');
    expect(safeFileName('..', 'pdf')).toBe('evidence.pdf');
    expect(safeFileName('   ', 'png')).toBe('evidence.png');
  });
});

describe(contentDisposition.name, () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('验收报告 (终稿).pdf')).toBe(`attachment; filename="____ (__).pdf"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A%20%28%E7%BB%88%E7%A8%BF%29.pdf`);
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
