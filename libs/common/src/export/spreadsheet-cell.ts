/**
 * Text a spreadsheet would read as a formula (OWASP "CSV injection"): = + - @ start one, and a leading tab or carriage
 * return lets one hide behind blank space. Such text is written with a leading single quote, which Excel and WPS show
 * as text and never evaluate; every export of user-typed text goes through this.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(value: string): string;
export function spreadsheetText(value: string | null): string | null;
export function spreadsheetText(value: string | null): string | null {
  return value !== null && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV record (RFC 4180: quoted when needed, CRLF), each text neutralised. */
export function csvRecord(values: (string | number | null)[]): string {
  return values
    .map((v) => {
      const text = typeof v === 'string' ? spreadsheetText(v) : v === null ? '' : String(v);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',') + '\r\n';
}
