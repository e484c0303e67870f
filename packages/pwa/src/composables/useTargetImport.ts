import { computed, ref, shallowRef, type InjectionKey } from 'vue';
import { ApiError, type GraphqlClient } from '../graphql/client';
import { fetchOrganizations } from '../dashboard/dashboard-data';
import type { PreviewTargetTablesQueryVariables } from '../graphql/generated/graphql';
import { PREVIEW_TARGET_TABLES, SAVE_TARGET_TABLES, type ImportMessageRef, type OrganizationRef, type SavedTargetTables } from '../graphql/queries';
import { draftFromPreview, draftProblems, toSaveInput, type TableDraft } from '../target-import/import-draft';

export type ImportSourceMode = 'file' | 'text';

/** Extensions the reader takes, and the older formats it names (the server says what to do with them). */
export const IMPORT_FILE_ACCEPT = '.docx,.xlsx,.html,.htm,.txt,.doc,.xls';

/**
 * The largest file sent: the server takes GraphQL bodies up to 5 MB, and base64 makes a file a
 * third larger. A larger body may be cut off before the server can answer, so it is refused here.
 */
export const MAX_IMPORT_FILE_BYTES = 3.5 * 1024 * 1024;

/** A message for the screen: an i18n key with its values, or the server's own words. */
export type ImportNotice = { key: string; values: Record<string, string> } | { message: string };

/** The file's bytes as base64, in slices (String.fromCharCode on a whole file overflows the stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface TargetImportOptions {
  api: GraphqlClient;
}

/**
 * 导入目标表: a file or pasted text → the server's preview (nothing written) → the person's
 * corrections → one save of every table. The state lives here, the page and its table editors
 * only show it, so that the whole flow can be tested without a component.
 */
export function useTargetImport({ api }: TargetImportOptions) {
  const mode = ref<ImportSourceMode>('file');
  const file = shallowRef<File | null>(null);
  const text = ref('');
  /** Year for tables that state none; '' for none. */
  const year = ref('');
  /** Unit for tables whose unit line has no 单位编码; '' to choose per table. */
  const orgCode = ref('');
  const organizations = ref<OrganizationRef[]>([]);

  const previewing = ref(false);
  const previewError = ref<ImportNotice | null>(null);
  const source = ref<string | null>(null);
  const tables = ref<TableDraft[] | null>(null);
  /** Tables that could not be read, as the server names them. */
  const readErrors = ref<ImportMessageRef[]>([]);
  /** What the preview says beyond the tables' own guesses (a unit that saving would create). */
  const notices = ref<ImportMessageRef[]>([]);

  const problems = computed(() => (tables.value ? draftProblems(tables.value) : []));
  /** Problems are listed once a save was tried, not while the person is still reading. */
  const showProblems = ref(false);
  const saving = ref(false);
  const saveError = ref<string | null>(null);
  const result = ref<SavedTargetTables | null>(null);

  const indicatorCount = computed(() => tables.value?.reduce((sum, table) => sum + table.indicators.length, 0) ?? 0);
  const guessCount = computed(
    () => tables.value?.reduce((sum, table) => sum + table.warnings.length + table.indicators.filter((i) => i.warnings.length > 0).length, 0) ?? 0,
  );
  const canPreview = computed(() => !previewing.value && (mode.value === 'file' ? file.value !== null : text.value.trim() !== ''));

  async function loadOrganizations(): Promise<void> {
    try {
      organizations.value = await fetchOrganizations(api.request);
    } catch {
      // Offline or refused: the tables' own codes are still offered, and preview says why it fails.
    }
  }

  /** Asks the server to read the source. Nothing is written. */
  async function preview(): Promise<void> {
    if (!canPreview.value) return;
    if (mode.value === 'file' && file.value && file.value.size > MAX_IMPORT_FILE_BYTES) {
      previewError.value = {
        key: 'importer.tooLarge',
        values: { name: file.value.name, size: megabytes(file.value.size), max: megabytes(MAX_IMPORT_FILE_BYTES) },
      };
      tables.value = null;
      return;
    }
    previewing.value = true;
    previewError.value = null;
    result.value = null;
    saveError.value = null;
    showProblems.value = false;
    try {
      const chosenYear = year.value.trim() === '' ? undefined : Number(year.value);
      const variables: PreviewTargetTablesQueryVariables = {
        ...(chosenYear !== undefined && Number.isInteger(chosenYear) ? { year: chosenYear } : {}),
        ...(orgCode.value ? { orgCode: orgCode.value } : {}),
        ...(mode.value === 'file' && file.value ? { file: await fileToBase64(file.value), fileName: file.value.name } : { text: text.value }),
      };
      const { previewTargetTables: read } = await api.request(PREVIEW_TARGET_TABLES, variables);
      source.value = read.source;
      tables.value = draftFromPreview(read.tables);
      readErrors.value = read.errors;
      const ofTables = new Set(
        read.tables.flatMap((table) => [...table.warnings, ...table.indicators.flatMap((indicator) => indicator.warnings)].map((warning) => warning.message)),
      );
      notices.value = read.warnings.filter((warning) => !ofTables.has(warning.message));
    } catch (error) {
      tables.value = null;
      previewError.value = { message: (error as Error).message };
    } finally {
      previewing.value = false;
    }
  }

  /** Saves every table as corrected, or none: problems are listed first and nothing is sent. */
  async function save(): Promise<boolean> {
    if (!tables.value || saving.value) return false;
    showProblems.value = true;
    saveError.value = null;
    if (problems.value.length > 0) return false;
    saving.value = true;
    try {
      const { saveTargetTables } = await api.request(SAVE_TARGET_TABLES, { tables: toSaveInput(tables.value) });
      result.value = saveTargetTables;
      tables.value = null;
      showProblems.value = false;
      return true;
    } catch (error) {
      saveError.value = error instanceof ApiError ? error.message : (error as Error).message;
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** Back to an empty source, for the next document. */
  function reset(): void {
    file.value = null;
    text.value = '';
    tables.value = null;
    readErrors.value = [];
    notices.value = [];
    source.value = null;
    result.value = null;
    previewError.value = null;
    saveError.value = null;
    showProblems.value = false;
  }

  return {
    mode,
    file,
    text,
    year,
    orgCode,
    organizations,
    previewing,
    previewError,
    source,
    tables,
    readErrors,
    notices,
    problems,
    showProblems,
    saving,
    saveError,
    result,
    indicatorCount,
    guessCount,
    canPreview,
    loadOrganizations,
    preview,
    save,
    reset,
  };
}

export type TargetImport = ReturnType<typeof useTargetImport>;
export const TARGET_IMPORT: InjectionKey<TargetImport> = Symbol('target-import');
