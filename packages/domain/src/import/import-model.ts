import type { ParsedTarget } from '../target/parse-target.js';

/** What an import produces, whether it read the text form or a workbook (XLSX) of 绩效目标表. */

export interface ImportedIndicator {
  /** 一级指标 as written, e.g. "产出指标". */
  level1: string;
  /** 二级指标 as written, e.g. "数量指标". */
  level2: string;
  /** 三级指标. */
  name: string;
  /** 绩效指标描述. */
  description: string;
  target: ParsedTarget;
  /** Line of the indicator's first cell in the source text (1-based), or its row in the worksheet. */
  line: number;
}

export interface ImportedProject {
  /** The number in the table's header line ("4.派出法庭…" → 4). */
  tableNumber: number;
  title: string;
  orgCode: string;
  orgName: string;
  name: string;
  year: number;
  /** 万元, exact to the cent. `other` is 0 when the cell is blank. */
  budget: { total: number; fiscal: number; other: number };
  purpose: string;
  goals: string[];
  indicators: ImportedIndicator[];
}

export interface ImportMessage {
  /** Table number, or null for a message about the whole document (or a whole worksheet). */
  table: number | null;
  /** Line of the text, or row of the worksheet (1-based). */
  line: number | null;
  message: string;
  /** Workbooks only: the worksheet's name. */
  sheet?: string;
  /** Workbooks only: the cell the message is about, e.g. "B7". */
  cell?: string;
}

export interface ImportResult {
  projects: ImportedProject[];
  warnings: ImportMessage[];
  /** One entry per table that failed; the other tables are still in `projects`. */
  errors: ImportMessage[];
}

export interface ImportOptions {
  /** Fiscal year for tables that state none, when no other table of the document does. */
  year?: number;
}
