import { ApiFailure } from '@/api/failure';

const CJK = /[\u3400-\u9fff]/;

/**
 * The Chinese a clerk reads for any failure. The api's messages are bilingual, "中文 (english)": the Chinese part is
 * kept. Messages without Chinese (a validator's default) become a sentence by status, naming the field when known.
 */
export function errorText(error: unknown, fieldLabels: Record<string, string> = {}): string {
  if (!(error instanceof ApiFailure)) return '操作失败，请稍后重试';
  const body = error.body;
  const fields = (body?.errors ?? []).map((e) => {
    const label = fieldLabels[e.field] ?? fieldLabels[e.field.split('.').pop() ?? ''] ?? e.field;
    const chinese = e.messages.map(chinesePart).filter((m): m is string => m !== null);
    return chinese.length ? chinese.join('；') : `“${label}”填写有误`;
  });
  if (fields.length) return [...new Set(fields)].join('；');
  const own = body?.message ? chinesePart(body.message) : null;
  if (own) return own;
  switch (error.status) {
    case 0:
      return '网络连接失败，请检查网络后重试';
    case 400:
      return '填写的内容有误，请检查后重试';
    case 401:
      return '登录已失效，请重新登录';
    case 403:
      return '您没有权限进行此操作';
    case 404:
      return '要找的数据不存在或已被删除';
    case 409:
      return '与现有数据或当前状态冲突，请刷新后重试';
    case 413:
      return '文件过大';
    case 429:
      return '操作过于频繁，请稍后再试';
    default:
      return `服务器出错，请稍后重试${body?.errorId ? `（错误编号 ${body.errorId}）` : ''}`;
  }
}

/** "中文说明 (english detail)" → "中文说明"; null when the text has no Chinese at all. */
export function chinesePart(message: string): string | null {
  if (!CJK.test(message)) return null;
  return message
    .split(/;\s*/)
    .map((part) => part.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '').trim())
    .filter((part) => CJK.test(part))
    .join('；');
}
