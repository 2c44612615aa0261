import { HttpException } from '@nestjs/common';
import yauzl from 'yauzl';
import { importTooLarge, megabytes, type ImportLimits } from '../import-limits.js';

/** The ZIP's central directory cannot be read: a damaged file, or not a ZIP after all. */
export class UnreadableZipError extends Error {}

// Parts this small say nothing about a bomb, and a few KB of repeated XML legitimately compress far past any ratio.
const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;

/**
 * Checks a ZIP before anything else reads it. First its central directory, before a byte is inflated: a workbook whose
 * parts would unpack past the limit, or one part packed at a ratio no spreadsheet reaches (a zip bomb), is refused with
 * a 413 naming the limit. Then each part is inflated and thrown away (zlib on the thread pool, not the event loop) to
 * hold the archive to what it declared: a part that inflates past its declared size is a damaged or forged archive,
 * stopped there rather than in the parser, whose inflating would be bounded by nothing.
 */
export async function inspectZip(bytes: Uint8Array, limits: ImportLimits): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true });
  } catch (e) {
    throw new UnreadableZipError(e instanceof Error ? e.message : String(e));
  }
  let unpacked = 0;
  try {
    const entries: yauzl.Entry[] = [];
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      unpacked += entry.uncompressedSize;
      if (unpacked > limits.maxUnpackedBytes) {
        throw importTooLarge(
          `工作簿解压后超过 ${megabytes(limits.maxUnpackedBytes)} 的上限（文件仅 ${megabytes(bytes.length)}，其中的内容展开后至少 ${megabytes(unpacked)}），请删除多余的工作表、格式或图片，或拆分后分批导入 (the workbook unpacks past the ${megabytes(limits.maxUnpackedBytes)} limit)`,
        );
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize >= RATIO_CHECKED_FROM_BYTES && ratio > limits.maxCompressionRatio) {
        throw importTooLarge(
          `工作簿中的 ${entry.fileName} 压缩比为 ${Math.round(ratio)}:1，超过 ${limits.maxCompressionRatio}:1 的上限，不像正常的 Excel 文件（疑似压缩炸弹），已拒绝 (compression ratio over the ${limits.maxCompressionRatio}:1 limit)`,
        );
      }
    }
    for (const entry of entries) {
      for await (const chunk of await zip.openReadStreamPromise(entry)) void chunk;
    }
  } catch (e) {
    if (e instanceof HttpException) throw e;
    throw new UnreadableZipError(e instanceof Error ? e.message : String(e));
  } finally {
    zip.close();
  }
}
