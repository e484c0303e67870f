import type { ParsedTarget } from '../target/parse-target.js';

/** What an import produces, whatever the source (text, Word, Excel, a web page) of 绩效目标表. */

export interface ImportedIndicator {
  /** 一级指标 as written, e.g. "产出指标" (inferred from the 二级 when missing, with a warning). */
  level1: string;
  /** 二级指标 as written, e.g. "数量指标". */
  level2: string;
  /** 三级指标. */
  name: string;
  /** 绩效指标描述. */
  description: string;
  target: ParsedTarget;
  /** Line of the indicator's first cell in the source text (1-based), or its row in the grid. */
  line: number;
  /** The target cell's A1-style address (for text: the line and the cell's place on it). */
  cell?: string;
  /** 实际完成值 as written, from a self-evaluation table (自评表). */
  actual?: string;
  /** The 实际完成值 cell's address, where `cell` is the target's. */
  actualCell?: string;
  /** 分值, when the table gives it. */
  weight?: number;
}

/** A project table, or a department's whole-budget table (部门整体支出绩效目标表). */
export type ProjectKind = 'PROJECT' | 'DEPARTMENT';

export interface ImportedProject {
  /** The number in the table's title ("4.派出法庭…" → 4), or its place in the document. */
  tableNumber: number;
  title: string;
  kind: ProjectKind;
  /** 单位编码 from the unit line, else the one chosen for the import; null when neither says. */
  orgCode: string | null;
  orgName: string;
  name: string;
  year: number;
  /** 万元, exact to the cent. `other` and `carryover` (上年结转) are 0 when blank or absent. */
  budget: { total: number; fiscal: number; other: number; carryover?: number };
  purpose: string;
  goals: string[];
  indicators: ImportedIndicator[];
  /** 项目负责人, when the table names one. */
  leader?: string;
  /** 实施期 as written ("2023.07-2024.01"). */
  period?: string;
  /** 主管部门 / 预算部门 as written. */
  department?: string;
  /** 实施单位 as written. */
  implementer?: string;
}

export interface ImportMessage {
  /** Table number, or null for a message about the whole document (or a whole worksheet). */
  table: number | null;
  /** Line of the text, or row of the worksheet / document (1-based). */
  line: number | null;
  message: string;
  /** Workbooks only: the worksheet's name. */
  sheet?: string;
  /** The cell the message is about, e.g. "B7" (for text: the line, and the cell's place on it). */
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
  /** 单位编码 for tables whose unit line has none. */
  orgCode?: string;
}
