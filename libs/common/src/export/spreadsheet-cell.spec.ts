import { describe, expect, it } from '@jest/globals';
import { csvRecord, spreadsheetText } from './spreadsheet-cell.js';

describe('spreadsheet cells', () => {
  it.each(['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1'])('neutralises %j', (text) => {
    expect(spreadsheetText(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text, inner signs and null alone', () => {
    expect(spreadsheetText('推进“证照分离”改革 = 试点')).toBe('推进“证照分离”改革 = 试点');
    expect(spreadsheetText(null)).toBeNull();
  });

  it('writes a CSV record quoted where needed, formulas neutralised, numbers as they are', () => {
    expect(csvRecord(['=1+1', 'a,"b"', null, -5])).toBe(`'=1+1,"a,""b""",,-5\r\n`);
  });
});
