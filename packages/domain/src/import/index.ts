export {
  parseTargetTables,
  parseTableHeader,
  cleanGoals,
  type ImportedIndicator,
  type ImportedProject,
  type ImportMessage,
  type ImportOptions,
  type ImportResult,
  type ProjectKind,
} from './parse-target-tables.js';
export { parseTargetWorkbook, parseCellRef, cellRef, sheetGrid, type GridCell, type GridSheet, type WorkbookGrid } from './parse-target-workbook.js';
export { textToGrid, gridFromCells, type CellPlace, type GridRow, type GridShape, type MergedArea, type SourceGrid } from './grid.js';
export { readTargetTables, oneLine } from './read-tables.js';
