export {
  parseTargetTables,
  parseTableHeader,
  cleanGoals,
  type ImportedIndicator,
  type ImportedProject,
  type ImportMessage,
  type ImportOptions,
  type ImportResult,
} from './parse-target-tables.js';
export { parseTargetWorkbook, parseCellRef, cellRef, type GridCell, type GridSheet, type WorkbookGrid } from './parse-target-workbook.js';
