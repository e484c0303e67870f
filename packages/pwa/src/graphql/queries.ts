/**
 * The GraphQL documents the screens send (packages/server/schema.graphql). Field lists are kept
 * next to the TypeScript shapes they fill, so a change to one shows up beside the other.
 */

export interface SessionUser {
  id: string;
  username: string;
  role: 'ADMIN' | 'MANAGER' | 'INSPECTOR' | 'VIEWER';
  orgCode: string;
  orgName: string;
}

const USER_FIELDS = 'id username role orgCode orgName';

export const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { token user { ${USER_FIELDS} } }
}`;
export interface LoginResult {
  login: { token: string; user: SessionUser };
}

/** Changes the signed-in user's password; the server revokes every older token and returns a new one. */
export const CHANGE_PASSWORD = `mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
  changePassword(oldPassword: $oldPassword, newPassword: $newPassword) { token user { ${USER_FIELDS} } }
}`;
export interface ChangePasswordResult {
  changePassword: { token: string; user: SessionUser };
}

export const ME = `query Me { me { ${USER_FIELDS} } }`;
export interface MeResult {
  me: SessionUser;
}

export type IndicatorSource = 'MANUAL' | 'REPAIR_COUNT' | 'EQUIPMENT_COUNT' | 'PASS_RATE' | 'COMPLETION_DATE' | 'SURVEY' | 'SPENDING';
export type TierCode = 'ACHIEVED' | 'PARTIAL' | 'NOT_ACHIEVED';

export interface IndicatorRef {
  id: string;
  level1: string;
  level2: string;
  name: string;
  description: string;
  target: {
    raw: string;
    kind: 'QUANTITATIVE' | 'DEADLINE' | 'QUALITATIVE';
    comparator: string | null;
    value: string | null;
    unit: string | null;
    /**
     * Not fetched for the device (a deadline's date is its `value`), nor are a period's start and a
     * note: the server's query cost limit counts every field of every indicator of 100 projects.
     */
    deadline?: string | null;
    /** What scoring needs beyond the above; absent in data cached before they were fetched. */
    rule?: { zeroBelow: number } | null;
    max?: string | null;
    tolerance?: boolean;
  };
  source: IndicatorSource;
  notApplicable: boolean;
  deviationNote: string | null;
  weight: number;
  actual: { value: string | null; tier: TierCode | null; ratio: number | null; note: string | null; recordedAt: string; recordedBy: string | null } | null;
  progress: { completionRate: number | null; score: number | null; met: boolean | null; deviationNoteRequired: boolean };
}

export interface ProjectRef {
  id: string;
  name: string;
  orgCode: string;
  orgName: string;
  year: number;
  tableNumber: number | null;
  purpose: string;
  goals: string[];
  budget: { total: number; fiscal: number; other: number };
  spent: number;
  evaluation: { score: number; grade: string; executionRate: number | null; executionScore: number; missing: number; complete: boolean };
  indicators: IndicatorRef[];
}

export interface SiteRef {
  id: string;
  name: string;
  kind: 'DISPATCHED_TRIBUNAL' | 'TECH_COURT' | 'OFFICE' | 'OTHER';
  address: string | null;
  orgCode: string;
}

export interface EquipmentItemRef {
  id: string;
  projectId: string;
  name: string;
  model: string | null;
  serialNumber: string | null;
  assetTag: string | null;
}

export type SurveyQuestionKind = 'SATISFACTION' | 'SINGLE_CHOICE' | 'TEXT';

export interface SurveyQuestion {
  id: string;
  kind: SurveyQuestionKind;
  text: string;
  options: string[];
  required: boolean;
}

export interface SurveyRef {
  id: string;
  /** Added on the device: the project whose projectSurveys listed it. */
  projectId: string;
  title: string;
  audience: 'OFFICERS' | 'EQUIPMENT_USERS' | 'AID_RECIPIENTS';
  questions: SurveyQuestion[];
  opensAt: string;
  closesAt: string;
  isOpen: boolean;
  indicator: { id: string; name: string };
}

const INDICATOR_FIELDS = `id level1 level2 name description
  target { raw kind comparator value max unit rule { zeroBelow } tolerance }
  source notApplicable deviationNote weight
  actual { value tier ratio note recordedAt recordedBy }
  progress { completionRate score met deviationNoteRequired }`;

const PROJECT_FIELDS = `id name orgCode orgName year tableNumber purpose goals
  budget { total fiscal other } spent
  evaluation { score grade executionRate executionScore missing complete }
  indicators { ${INDICATOR_FIELDS} }`;

/** Reference data, first page: the sites and up to 100 projects with their indicators. */
export const REFERENCE_PROJECTS = `query ReferenceProjects($after: String) {
  sites { id name kind address orgCode }
  projects(first: 100, after: $after) { nodes { ${PROJECT_FIELDS} } pageInfo { hasNextPage endCursor } }
}`;
export interface ReferenceProjectsResult {
  sites: SiteRef[];
  projects: { nodes: ProjectRef[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const SURVEY_FIELDS = 'id title audience questions { id kind text options required } opensAt closesAt isOpen indicator { id name }';

/**
 * Equipment items and surveys of many projects in one request (aliases e0/s0, e1/s1, …), so that
 * caching does not cost two round trips per project on a slow connection.
 */
export function projectExtrasQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$p${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `e${i}: equipmentItems(projectId: $p${i}) { id projectId name model serialNumber assetTag }\n  s${i}: projectSurveys(projectId: $p${i}) { ${SURVEY_FIELDS} }`,
  ).join('\n  ');
  return `query ProjectExtras(${vars}) {\n  ${fields}\n}`;
}
export type ProjectExtrasResult = Record<string, EquipmentItemRef[] | Omit<SurveyRef, 'projectId'>[]>;

export interface PhotoRef {
  sha256: string;
  thumbnailUrl: string;
  url: string;
  uploaded: boolean;
}

export interface InspectionRef {
  id: string;
  kind: 'REPAIR' | 'EQUIPMENT';
  site: { id: string; name: string } | null;
  itemName: string;
  serialNumber: string | null;
  checklist: { label: string; passed: boolean }[];
  passed: boolean;
  note: string | null;
  photos: PhotoRef[];
  signature: PhotoRef | null;
  location: { lat: number; lng: number; accuracy: number | null } | null;
  capturedAt: string;
  submittedBy: string;
  reviewStatus: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  reviewReason: string | null;
}

/** The evidence behind an indicator's actual, with its history: online only. */
export const INDICATOR_EVIDENCE = `query IndicatorEvidence($id: ID!) {
  indicator(id: $id) {
    id
    actual { value tier ratio note recordedAt recordedBy history { value tier ratio note recordedAt recordedBy } }
    evidence {
      source derivedAt surveyId fromSpending
      inspections {
        id kind site { id name } itemName serialNumber checklist { label passed } passed note
        photos { sha256 thumbnailUrl url uploaded } signature { sha256 thumbnailUrl url uploaded }
        location { lat lng accuracy } capturedAt submittedBy reviewStatus reviewReason
      }
    }
  }
}`;
export interface ActualRecordRef {
  value: string | null;
  tier: TierCode | null;
  ratio: number | null;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
}
export interface IndicatorEvidenceResult {
  indicator: {
    id: string;
    actual: (ActualRecordRef & { history: ActualRecordRef[] }) | null;
    evidence: { source: IndicatorSource; derivedAt: string; surveyId: string | null; fromSpending: boolean; inspections: InspectionRef[] } | null;
  };
}

export const PUBLIC_SURVEY = `query PublicSurvey($token: String!) {
  publicSurvey(token: $token) { title audience questions { id kind text options required } opensAt closesAt isOpen requireCode maxResponsesPerDevice deviceToken }
}`;
export interface PublicSurvey {
  title: string;
  audience: SurveyRef['audience'];
  questions: SurveyQuestion[];
  opensAt: string;
  closesAt: string;
  isOpen: boolean;
  requireCode: boolean;
  /** Answers one device may give (0: any number). */
  maxResponsesPerDevice: number;
  /** A fresh device token from the server: kept only if the device has none yet. */
  deviceToken: string;
}
export interface PublicSurveyResult {
  publicSurvey: PublicSurvey;
}

export const SUBMIT_SURVEY_RESPONSE = `mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!) {
  submitSurveyResponse(input: $input) { id clientId surveyId receivedAt }
}`;

/** The inputs the outbox carries (payload), exactly as the mutations take them. */
export interface SurveyAnswerInput {
  questionId: string;
  value: string;
}
export interface SubmitSurveyResponseInput {
  clientId: string;
  surveyId?: string;
  token?: string;
  code?: string;
  deviceToken?: string;
  answers: SurveyAnswerInput[];
  collectedAt: string;
}
export interface SubmitInspectionInput {
  clientId: string;
  projectId: string;
  kind: 'REPAIR' | 'EQUIPMENT';
  siteId?: string;
  itemName: string;
  serialNumber?: string;
  checklist: { label: string; passed: boolean }[];
  passed: boolean;
  note?: string;
  photos: string[];
  signature?: string;
  location?: { lat: number; lng: number; accuracy?: number };
  capturedAt: string;
}
export interface RecordActualInput {
  clientId: string;
  indicatorId: string;
  value?: string;
  tier?: TierCode;
  ratio?: number;
  note?: string;
}
export interface RecordSpendingInput {
  clientId: string;
  projectId: string;
  amount: number;
  date: string;
  note?: string;
}

// ── 绩效看板 (online only; the last answer is cached per user, unit and year) ────────────────────

export interface OrganizationRef {
  code: string;
  name: string;
  parentCode: string | null;
}
export const DASHBOARD_ORGANIZATIONS = `query DashboardOrganizations { organizations { code name parentCode } }`;
export interface DashboardOrganizationsResult {
  organizations: OrganizationRef[];
}

export interface OrganizationSummary {
  orgCode: string;
  orgName: string;
  year: number;
  projectCount: number;
  budget: number;
  spent: number;
  executionRate: number | null;
  averageScore: number | null;
  grades: { excellent: number; good: number; fair: number; poor: number };
  incompleteProjects: number;
}

export interface SpendingRef {
  date: string;
  amount: number;
}

export interface DashboardProjectRef {
  id: string;
  name: string;
  orgName: string;
  year: number;
  budget: { total: number };
  spent: number;
  evaluation: { score: number; grade: string; executionRate: number | null; missing: number };
  spendings: SpendingRef[];
}

/** The summary tiles (first page only) and a page of the unit's projects with their spending. */
export const DASHBOARD = `query Dashboard($orgCode: String!, $year: Int!, $after: String, $withSummary: Boolean!) {
  organizationSummary(orgCode: $orgCode, year: $year) @include(if: $withSummary) {
    orgCode orgName year projectCount budget spent executionRate averageScore
    grades { excellent good fair poor } incompleteProjects
  }
  projects(orgCode: $orgCode, year: $year, first: 100, after: $after) {
    nodes { id name orgName year budget { total } spent evaluation { score grade executionRate missing } spendings { date amount } }
    pageInfo { hasNextPage endCursor }
  }
}`;
export interface DashboardResult {
  organizationSummary?: OrganizationSummary;
  projects: { nodes: DashboardProjectRef[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export interface DashboardIndicatorRef {
  id: string;
  name: string;
  level1: string;
  notApplicable: boolean;
  target: { raw: string };
  actual: { value: string | null; tier: TierCode | null } | null;
  progress: { completionRate: number | null };
}

/** One project's indicators and the surveys that collect for it. */
export const DASHBOARD_PROJECT = `query DashboardProject($id: ID!) {
  project(id: $id) { id indicators { id name level1 notApplicable target { raw } actual { value tier } progress { completionRate } } }
  projectSurveys(projectId: $id) { id title }
}`;
export interface DashboardProjectResult {
  project: { id: string; indicators: DashboardIndicatorRef[] };
  projectSurveys: Array<{ id: string; title: string }>;
}

export interface SurveyResultsRef {
  surveyId: string;
  responseCount: number;
  satisfactionRate: number | null;
  questions: Array<{ questionId: string; kind: SurveyQuestionKind; text: string; answeredCount: number; counts: Array<{ option: string; count: number }> }>;
}

/** The answer counts of several surveys in one request (aliases r0, r1, …). */
export function surveyResultsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$s${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `r${i}: surveyResults(surveyId: $s${i}) { surveyId responseCount satisfactionRate questions { questionId kind text answeredCount counts { option count } } }`,
  ).join('\n  ');
  return `query DashboardSurveyResults(${vars}) {\n  ${fields}\n}`;
}
export type SurveyResultsResult = Record<string, SurveyResultsRef>;

// ── 导入目标表 (online only: preview reads, writes nothing; save stores every table or none) ───

export interface ImportMessageRef {
  table: number | null;
  line: number | null;
  cell: string | null;
  sheet: string | null;
  message: string;
}
const MESSAGE_FIELDS = 'table line cell sheet message';

/** A target's fields, as the preview reads them and the save takes them back. */
export interface PreviewTarget {
  raw: string;
  kind: 'quantitative' | 'deadline' | 'qualitative';
  comparator: string | null;
  value: number | null;
  max: number | null;
  unit: string | null;
  deadline: string | null;
  start: string | null;
  note: string | null;
  tolerance: boolean | null;
  zeroBelow: number | null;
}
export interface PreviewIndicator {
  level1: string;
  level2: string;
  name: string;
  description: string;
  line: number;
  cell: string | null;
  actual: string | null;
  weight: number | null;
  scoring: string;
  warnings: ImportMessageRef[];
  target: PreviewTarget;
}
export interface PreviewTable {
  tableNumber: number;
  title: string;
  kind: 'PROJECT' | 'DEPARTMENT';
  orgCode: string | null;
  orgName: string;
  name: string;
  year: number;
  budget: { total: number; fiscal: number; other: number; carryover: number };
  purpose: string;
  goals: string[];
  leader: string | null;
  period: string | null;
  existingProjectId: string | null;
  warnings: ImportMessageRef[];
  indicators: PreviewIndicator[];
}

/** Every table of a file (base64, by its name's extension) or of pasted text, with every guess. */
export const PREVIEW_TARGET_TABLES = `query PreviewTargetTables($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {
  previewTargetTables(text: $text, file: $file, fileName: $fileName, orgCode: $orgCode, year: $year) {
    source
    errors { ${MESSAGE_FIELDS} }
    warnings { ${MESSAGE_FIELDS} }
    tables {
      tableNumber title kind orgCode orgName name year
      budget { total fiscal other carryover }
      purpose goals leader period existingProjectId
      warnings { ${MESSAGE_FIELDS} }
      indicators {
        level1 level2 name description line cell actual weight scoring
        warnings { ${MESSAGE_FIELDS} }
        target { raw kind comparator value max unit deadline start note tolerance zeroBelow }
      }
    }
  }
}`;
export interface PreviewTargetTablesResult {
  previewTargetTables: { source: string; errors: ImportMessageRef[]; warnings: ImportMessageRef[]; tables: PreviewTable[] };
}

/** A table as saved: the preview's, with the person's corrections (ImportTableInput). */
export interface ImportTableInput extends Omit<PreviewTable, 'orgCode' | 'budget' | 'existingProjectId' | 'warnings' | 'indicators'> {
  orgCode: string;
  budget: { total: number; fiscal: number; other: number | null; carryover: number | null };
  indicators: Array<Pick<PreviewIndicator, 'level1' | 'level2' | 'name' | 'description' | 'target' | 'actual'>>;
}

export const SAVE_TARGET_TABLES = `mutation SaveTargetTables($tables: [ImportTableInput!]!) {
  saveTargetTables(tables: $tables) { created updated projects { id name orgName year } warnings { ${MESSAGE_FIELDS} } errors { ${MESSAGE_FIELDS} } }
}`;
export interface SaveTargetTablesResult {
  saveTargetTables: {
    created: number;
    updated: number;
    projects: Array<{ id: string; name: string; orgName: string; year: number }>;
    warnings: ImportMessageRef[];
    errors: ImportMessageRef[];
  };
}

