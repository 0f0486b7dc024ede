/**
 * Spreadsheet safety for CSV text cells (OWASP "CSV injection"), shared by
 * every CSV the app writes: text that a spreadsheet would run as a formula
 * gets an apostrophe in front. Leading spaces do not hide a formula, and
 * "|" (DDE) and "%" start one in some spreadsheets.
 */
const FORMULA_START = /^[\s]*[=+\-@\t\r|%]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
