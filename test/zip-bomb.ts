import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/** One part of a ZIP; `declaredSize` writes another uncompressed size than the real one, as a lying archive does. */
export interface ZipPart {
  name: string;
  data: Buffer;
  declaredSize?: number;
}

/** A plain ZIP writer (deflate, no ZIP64): enough to build archives whose headers say what a test wants them to say. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const packed = deflateRawSync(part.data, { level: 9 });
    const crc = crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a ZIP, inflated. */
export async function readZip(bytes: Buffer): Promise<ZipPart[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const parts: ZipPart[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    parts.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return parts;
}

/**
 * A real workbook (header row, one item) whose first sheet is replaced by `sheetXml`: a few MB on the wire, as much as a
 * test wants once inflated. `declaredSize` makes the archive lie about the sheet's unpacked size.
 */
export async function workbookWithSheet(sheetXml: Buffer, declaredSize?: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('分工表').addRows([['序号', '改革事项'], [1, '事项一']]);
  const parts = await readZip(Buffer.from(await wb.xlsx.writeBuffer()));
  return writeZip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { name: p.name, data: sheetXml, declaredSize } : p)));
}

/** A sheet whose one cell holds `bytes` repeated letters: the classic bomb, megabytes of nothing that pack to almost nothing. */
export function hugeCellSheet(bytes: number): Buffer {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>');
  const tail = Buffer.from('</t></is></c></row></sheetData></worksheet>');
  return Buffer.concat([head, Buffer.alloc(bytes, 'A'), tail]);
}
