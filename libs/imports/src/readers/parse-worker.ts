import { Worker } from 'node:worker_threads';
import { importTooLarge, megabytes, type ImportLimits } from '../import-limits.js';

/** What a parse in a worker can answer besides its result: the file could not be read. */
export type Unreadable = { unreadable: string };

// Each parse may take up to IMPORT_PARSE_MEMORY_MB: uploads beyond these wait their turn rather than stack up.
const PARALLEL_PARSES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_PARSES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs `parse(request)` in a worker thread of its own, so its heap limit and a timeout bound what an upload can cost
 * and the api's event loop stays free. The worker runs `parse` from its source text, so that the same code runs from
 * the built output and under Jest's TypeScript transform: `parse` may use nothing but its own body, `require` and what
 * the request brings (libraries by their resolved path). `document` names the file in the 413 messages (工作簿, Word 文档).
 */
export function parseInWorker<Request, Result>(parse: (request: Request) => Promise<Result>, request: Request, limits: ImportLimits, document: string): Promise<Result | Unreadable> {
  const source = `
const { parentPort, workerData } = require('node:worker_threads');
(${parse.toString()})(workerData).then((result) => parentPort.postMessage(result), (e) => parentPort.postMessage({ unreadable: String(e && e.message || e) }));
`;
  return inTurn(
    () =>
      new Promise((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: request, resourceLimits: { maxOldGenerationSizeMb: limits.parseMemoryMb } });
        const timer = setTimeout(() => {
          void worker.terminate();
          reject(importTooLarge(`${document}解析超过 ${Math.round(limits.parseTimeoutMs / 1000)} 秒的上限，请拆分后分批导入 (parsing took longer than the limit)`));
        }, limits.parseTimeoutMs);
        const settle = () => clearTimeout(timer);
        worker.once('message', (result: Result | Unreadable) => {
          settle();
          resolve(result);
          void worker.terminate();
        });
        worker.once('error', (e: Error & { code?: string }) => {
          settle();
          if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            reject(importTooLarge(`${document}解析时超过 ${megabytes(limits.parseMemoryMb * 1024 * 1024)} 的内存上限，请删除多余的内容、格式或图片，或拆分后分批导入 (parsing exceeded the memory limit)`));
          } else {
            resolve({ unreadable: e.message });
          }
        });
        worker.once('exit', () => {
          settle();
          resolve({ unreadable: 'the worker stopped without an answer' });
        });
      }),
  );
}
