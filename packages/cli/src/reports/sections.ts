import { table } from '../table';

/** A titled table: what every report is made of, whatever the output format. */
export interface Section {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Lines printed under the table in the text format (totals). */
  readonly footer?: readonly string[];
}

/** The output formats of reports. */
export type Format = 'table' | 'csv' | 'json';

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Renders sections as text tables, CSV (one header line per section) or JSON (an array of {title, rows: [{column: value}]}). */
export const render = (sections: readonly Section[], format: Format): string => {
  switch (format) {
    case 'table':
      return sections.map((s) => [s.title, table(s.header, s.rows), ...(s.footer ?? [])].join('\n')).join('\n\n');
    case 'csv':
      return sections.map((s) => [['section', ...s.header].map(csvCell).join(','), ...s.rows.map((r) => [s.title, ...r].map(csvCell).join(','))].join('\n')).join('\n');
    case 'json':
      return JSON.stringify(sections.map((s) => ({ title: s.title, rows: s.rows.map((r) => Object.fromEntries(s.header.map((h, i) => [h, r[i] ?? '']))), ...(s.footer === undefined ? {} : { footer: s.footer }) })), null, 2);
  }
};
