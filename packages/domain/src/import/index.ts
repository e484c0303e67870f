export {
  parseTargetTables,
  cleanGoals,
  type ImportedIndicator,
  type ImportedProject,
  type ImportMessage,
  type ImportOptions,
  type ImportResult,
} from './parse-target-tables.js';
