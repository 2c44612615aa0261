import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { badField } from './field-error.js';

// NUL: PostgreSQL cannot store it in text or jsonb. A lone surrogate half: not a character, and silently becomes U+FFFD
// when encoded as UTF-8, so what is stored would differ from what was sent.
const INVALID_TEXT = /\u0000|\p{Cs}/u;

export const invalidTextMessage = (field: string) =>
  `${field} 含有无效字符（NUL 空字符 U+0000 或不成对的 Unicode 代理项），请删除后重试 (${field} contains a NUL character or invalid Unicode)`;

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A multer file: only its name is text the client chose; the bytes are the file's business. */
const isUploadedFile = (value: object): value is { fieldname: string; originalname: string } =>
  'fieldname' in value && 'originalname' in value && 'buffer' in value;

/** The path of the first string (or key) in `value` that is not valid text, or null. */
function firstInvalid(value: unknown, path: string): string | null {
  if (typeof value === 'string') return INVALID_TEXT.test(value) ? path : null;
  if (value === null || typeof value !== 'object') return null;
  if (isUploadedFile(value)) return INVALID_TEXT.test(value.originalname) ? value.fieldname : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstInvalid(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (INVALID_TEXT.test(key)) return at;
    const found = firstInvalid(inner, at);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses NUL and lone surrogates in every body field, query parameter, route parameter, multipart field and upload
 * name with a 400 naming the field — global, so no route can forget it, and before any DTO sees the value.
 */
@Injectable()
export class TextIntegrityPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const field = firstInvalid(value, typeof metadata.data === 'string' ? metadata.data : '');
    if (field !== null) {
      const name = field || metadata.type;
      throw badField(name, invalidTextMessage(name));
    }
    return value;
  }
}
