/** The plain-text data table behind a chart ("Show data"). */

export interface TableColumn {
  /** Short header text. */
  label: string;
  /** Longer description, shown as a tooltip on the header. */
  title?: string;
}

export interface TableData {
  /** The table's caption, e.g. "Composite threat by month". */
  caption: string;
  columns: TableColumn[];
  /** Formatted cells; the first cell of each row is the row header. */
  rows: string[][];
}
