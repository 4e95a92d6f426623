import Table from 'cli-table3';

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/** A plain-text table (cli-table3, no borders, no colours): a header line and the rows, columns padded to fit. */
export const table = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const t = new Table({ head: [...header], chars: BORDERLESS, style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 } });
  for (const row of rows) t.push([...row]);
  return t.toString().split('\n').map((line) => line.trimEnd()).join('\n');
};
