export const EVIDENCE_PURPOSES = ['progress', 'completion', 'rollout'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];
export const EVIDENCE_PURPOSE_LABELS: Record<EvidencePurpose, string> = { progress: '进展佐证', completion: '销号佐证', rollout: '承接落实佐证' };

interface EvidenceType {
  mimeType: string;
  magic: number[];
  /** For Office files (zip containers): a part name that only that kind of document has. */
  zipPart?: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const TYPES: Record<string, EvidenceType> = {
  pdf: { mimeType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: ZIP, zipPart: 'word/' },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: ZIP, zipPart: 'xl/' },
  jpg: { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  jpeg: { mimeType: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  png: { mimeType: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
};

export const EVIDENCE_EXTENSIONS = ['pdf', 'docx', 'xlsx', 'jpg', 'png'] as const;

export type EvidenceTypeCheck = { ok: true; extension: string; mimeType: string } | { ok: false; message: string };

const ALLOWED = `只接受 PDF、Word（docx）、Excel（xlsx）、JPG、PNG 文件 (allowed types: ${EVIDENCE_EXTENSIONS.join(', ')})`;

/**
 * The type is decided by the extension AND the first bytes: a renamed .exe or a zip called .docx is refused.
 * The client's Content-Type is ignored (browsers guess it from the name). Legacy .doc/.xls are refused on purpose:
 * they are OLE containers that can carry macros and are not what the provinces' templates use.
 */
export function detectEvidenceType(fileName: string, content: Buffer): EvidenceTypeCheck {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const type = TYPES[extension];
  if (!type) return { ok: false, message: `文件类型“${extension || '无扩展名'}”不允许；${ALLOWED}` };
  const head = content.subarray(0, type.magic.length);
  const magicMatches = head.length === type.magic.length && type.magic.every((b, i) => head[i] === b);
  // Zip entry names are stored uncompressed in the local headers and the central directory, so a byte search finds them.
  if (!magicMatches || (type.zipPart && !content.includes(type.zipPart, 0, 'latin1'))) {
    return { ok: false, message: `文件内容与扩展名 .${extension} 不符 (the file content is not a ${extension} file); ${ALLOWED}` };
  }
  return { ok: true, extension: extension === 'jpeg' ? 'jpg' : extension, mimeType: type.mimeType };
}

/**
 * The name shown and offered on download: the client's base name without any path or control characters.
 * It is never used to build a path on disk (files are stored under their sha256).
 */
export function safeFileName(clientName: string, extension: string): string {
  const base = clientName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const limited = [...cleaned].slice(-200).join('');
  return limited && !/^\.+$/.test(limited) ? limited : `evidence.${extension}`;
}

/** RFC 6266 / 5987: an ASCII fallback for old clients, and the exact UTF-8 name (中文文件名) for the rest. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
