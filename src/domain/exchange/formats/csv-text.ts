/** RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break. */

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export interface CsvRow {
  /** The line the record starts on, counting from 1 (the header is line 1). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses CSV text into rows with their starting line; accepts LF or CRLF and a UTF-8 byte order mark. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const s = text.replace(/^\uFEFF/, '');
  let i = 0;
  let line = 1;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (s[i] === '"') {
        i++;
        for (;;) {
          if (i >= s.length) throw new CsvSyntaxError(start, `a quoted field that starts on line ${start} is never closed`);
          const c = s[i]!;
          if (c === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
          throw new CsvSyntaxError(line, `unexpected text after a closing quote on line ${line}`);
        }
      } else {
        while (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
          if (s[i] === '"')
            throw new CsvSyntaxError(line, `a quote inside an unquoted field on line ${line} (quote the whole field and double the quote)`);
          field += s[i];
          i++;
        }
      }
      fields.push(field);
      if (s[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (s[i] === '\r') i++;
    if (s[i] === '\n') i++;
    line++;
    // a blank line (one empty field) is no record
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: start, fields });
  }
  return rows;
}
