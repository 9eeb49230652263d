// Column alignment exactly like Go's text/tabwriter (as forked by kubectl with RememberWidths): cells
// are tab-terminated, the text after the last tab is not aligned, a column block ends at a line that
// has no cell in that column. Used by `get` tables (min 6, padding 3) and describe (min 0, padding 2).

/** Tabwriter settings. `remember` keeps each column's widest width across flushes (kubectl's -w). */
export interface TabOptions { minWidth: number; padding: number; remember: boolean }

export const TABLE_OPTS: TabOptions = { minWidth: 6, padding: 3, remember: true };
export const DESCRIBE_OPTS: TabOptions = { minWidth: 0, padding: 2, remember: false };

const width = (s: string): number => [...s].length;

/** A tabwriter; `flush(text)` formats one batch of `\n`-terminated lines with `\t` separators. */
export class TabWriter {
  private readonly maxWidths: number[] = [];
  constructor(private readonly opts: TabOptions = TABLE_OPTS) {}

  /** Formats the text. Output lines keep their order; a trailing partial line is kept as is. */
  flush(text: string): string {
    if (text === '') return '';
    const endsNl = text.endsWith('\n');
    const lines = (endsNl ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    const out: string[] = [];
    const widths: number[] = [];
    const writeLines = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        const cells = lines[i];
        let s = '';
        cells.forEach((c, j) => {
          s += c;
          if (j < widths.length && j < cells.length - 1) s += ' '.repeat(Math.max(0, widths[j] - width(c)));
        });
        out.push(s);
      }
    };
    // Models text/tabwriter (*Writer).format: recursive over column blocks.
    const format = (line0: number, line1: number): void => {
      const column = widths.length;
      let start = line0;
      for (let t = line0; t < line1; t++) {
        if (column >= lines[t].length - 1) continue;
        writeLines(start, t);
        start = t;
        let w = this.opts.minWidth;
        let end = t;
        for (; end < line1; end++) {
          const cells = lines[end];
          if (column >= cells.length - 1) break;
          w = Math.max(w, width(cells[column]) + this.opts.padding);
        }
        if (this.opts.remember) {
          if (column < this.maxWidths.length) w = Math.max(w, this.maxWidths[column]);
          this.maxWidths[column] = w;
        }
        widths.push(w);
        format(start, end);
        widths.pop();
        start = end;
        t = end - 1;
      }
      writeLines(start, line1);
    };
    format(0, lines.length);
    return out.join('\n') + (endsNl ? '\n' : '');
  }
}

/** Formats rows of cells as one aligned table flush. */
export function formatTable(rows: readonly (readonly string[])[], opts: TabOptions = TABLE_OPTS): string {
  return new TabWriter(opts).flush(rows.map((r) => r.join('\t') + '\n').join(''));
}
