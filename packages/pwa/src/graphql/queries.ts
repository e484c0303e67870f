/**
 * The GraphQL documents the screens send. Each is a typed document: `pnpm codegen` checks it against
 * packages/server/schema.graphql and writes its result and variable types into ./generated/
 * (graphql-codegen's client preset; see the package README). The names below are those generated
 * types under the names the screens use; none is written by hand.
 */
import { graphql } from './generated';
import type {
  ActualRecordFragment,
  DashboardIndicatorRowFragment,
  DashboardProjectRowFragment,
  DashboardQuery,
  DashboardOrganizationsQuery,
  EvidenceInspectionFragment,
  EvidencePhotoFragment,
  ImportMessageFieldsFragment,
  IndicatorEvidenceQuery,
  PreviewTargetTablesQuery,
  PublicSurveyQuery,
  ReferenceEquipmentItemFragment,
  ReferenceIndicatorFragment,
  ReferenceProjectFragment,
  ReferenceSiteFragment,
  ReferenceSurveyFragment,
  SaveTargetTablesMutation,
  SessionUserFragment,
  SurveyQuestionFieldsFragment,
  SurveyResultsFieldsFragment,
} from './generated/graphql';

export type {
  CreateSiteInput,
  ImportTableInput,
  PhotoCaptureInput,
  IndicatorSource,
  InspectionKind,
  RecordActualInput,
  RecordSpendingInput,
  SubmitInspectionInput,
  SubmitSurveyResponseInput,
  SurveyAnswerInput,
  SurveyQuestionKind,
  Tier as TierCode,
} from './generated/graphql';

// ── Login ───────────────────────────────────────────────────────────────────────────────────────

export const SESSION_USER = graphql(`
  fragment SessionUser on User {
    id
    username
    role
    orgCode
    orgName
  }
`);
export type SessionUser = SessionUserFragment;

export const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
      user {
        ...SessionUser
      }
    }
  }
`);

/** Changes the signed-in user's password; the server revokes every older token and returns a new one. */
export const CHANGE_PASSWORD = graphql(`
  mutation ChangePassword($oldPassword: String!, $newPassword: String!) {
    changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {
      token
      user {
        ...SessionUser
      }
    }
  }
`);

// ── Reference data (cached on the device for offline use) ────────────────────────────────────────

export const REFERENCE_INDICATOR = graphql(`
  fragment ReferenceIndicator on Indicator {
    id
    level1
    level2
    name
    description
    target {
      raw
      kind
      comparator
      value
      max
      unit
      deadline
      rule {
        zeroBelow
      }
      tolerance
    }
    source
    notApplicable
    deviationNote
    weight
    actual {
      value
      tier
      ratio
      note
      recordedAt
      recordedBy
    }
    progress {
      completionRate
      score
      met
      deviationNoteRequired
    }
  }
`);
export type IndicatorRef = ReferenceIndicatorFragment;

export const REFERENCE_PROJECT = graphql(`
  fragment ReferenceProject on Project {
    id
    name
    orgCode
    orgName
    year
    tableNumber
    purpose
    goals
    budget {
      total
      fiscal
      other
    }
    requireSignature
    spent
    evaluation {
      score
      grade
      executionRate
      executionScore
      missing
      complete
    }
    indicators {
      ...ReferenceIndicator
    }
  }
`);
export type ProjectRef = ReferenceProjectFragment;

export const REFERENCE_SITE = graphql(`
  fragment ReferenceSite on Site {
    id
    name
    kind
    address
    orgCode
  }
`);
export type SiteRef = ReferenceSiteFragment;

export const REFERENCE_EQUIPMENT_ITEM = graphql(`
  fragment ReferenceEquipmentItem on EquipmentItem {
    id
    projectId
    name
    model
    serialNumber
    assetTag
  }
`);
export type EquipmentItemRef = ReferenceEquipmentItemFragment;

export const SURVEY_QUESTION_FIELDS = graphql(`
  fragment SurveyQuestionFields on SurveyQuestion {
    id
    kind
    text
    options
    required
  }
`);
export type SurveyQuestion = SurveyQuestionFieldsFragment;

export const REFERENCE_SURVEY = graphql(`
  fragment ReferenceSurvey on Survey {
    id
    title
    audience
    questions {
      ...SurveyQuestionFields
    }
    opensAt
    closesAt
    isOpen
    indicator {
      id
      name
    }
  }
`);
/** A survey as the device keeps it: with the project whose `surveys` listed it. */
export type SurveyRef = ReferenceSurveyFragment & { projectId: string };

/**
 * Reference data, one page: the sites (first page) and up to 50 projects with their indicators,
 * equipment and surveys, in one request (the server batches each kind for the whole page).
 */
export const REFERENCE_PROJECTS = graphql(`
  query ReferenceProjects($after: String, $withSites: Boolean!) {
    sites @include(if: $withSites) {
      ...ReferenceSite
    }
    projects(first: 50, after: $after) {
      nodes {
        ...ReferenceProject
        equipmentItems {
          ...ReferenceEquipmentItem
        }
        surveys {
          ...ReferenceSurvey
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

// ── Evidence (online only) ──────────────────────────────────────────────────────────────────────

export const ACTUAL_RECORD = graphql(`
  fragment ActualRecord on ActualRecord {
    value
    tier
    ratio
    note
    recordedAt
    recordedBy
  }
`);
export type ActualRecordRef = ActualRecordFragment;

export const EVIDENCE_PHOTO = graphql(`
  fragment EvidencePhoto on Photo {
    sha256
    thumbnailUrl
    url
    uploaded
  }
`);
export type PhotoRef = EvidencePhotoFragment;

export const EVIDENCE_INSPECTION = graphql(`
  fragment EvidenceInspection on Inspection {
    id
    kind
    site {
      id
      name
    }
    itemName
    serialNumber
    checklist {
      label
      passed
    }
    passed
    note
    photos {
      ...EvidencePhoto
    }
    signature {
      ...EvidencePhoto
    }
    location {
      lat
      lng
      accuracy
    }
    capturedAt
    submittedBy
    reviewStatus
    reviewReason
  }
`);
export type InspectionRef = EvidenceInspectionFragment;

/** The evidence behind an indicator's actual, with its history. */
export const INDICATOR_EVIDENCE = graphql(`
  query IndicatorEvidence($id: ID!) {
    indicator(id: $id) {
      id
      actual {
        value
        tier
        ratio
        note
        recordedAt
        recordedBy
        history {
          ...ActualRecord
        }
      }
      evidence {
        source
        derivedAt
        surveyId
        fromSpending
        inspections {
          ...EvidenceInspection
        }
      }
    }
  }
`);
export type IndicatorEvidence = IndicatorEvidenceQuery['indicator'];

// ── Public survey link (no login) ───────────────────────────────────────────────────────────────

export const PUBLIC_SURVEY = graphql(`
  query PublicSurvey($token: String!) {
    publicSurvey(token: $token) {
      title
      audience
      questions {
        ...SurveyQuestionFields
      }
      opensAt
      closesAt
      isOpen
      requireCode
      maxResponsesPerDevice
      deviceToken
    }
  }
`);
export type PublicSurvey = PublicSurveyQuery['publicSurvey'];

// ── The records the outbox sends: one mutation per kind, only ids selected ─────────────────────

export const SUBMIT_INSPECTION = graphql(`
  mutation SubmitInspection($input: SubmitInspectionInput!) {
    submitInspection(input: $input) {
      id
      clientId
    }
  }
`);

export const SUBMIT_SURVEY_RESPONSE = graphql(`
  mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!) {
    submitSurveyResponse(input: $input) {
      id
      clientId
    }
  }
`);

export const RECORD_ERROR_FIELDS = graphql(`
  fragment RecordErrorFields on RecordError {
    code
    message
    field
    hashes
    retryAfterSeconds
  }
`);

/** Many records of a kind in one request: one result per record, in order (a refused record's error, not the batch's). */
export const SUBMIT_INSPECTIONS = graphql(`
  mutation SubmitInspections($inputs: [SubmitInspectionInput!]!) {
    submitInspections(inputs: $inputs) {
      clientId
      inspection {
        id
      }
      error {
        ...RecordErrorFields
      }
    }
  }
`);

export const SUBMIT_SURVEY_RESPONSES = graphql(`
  mutation SubmitSurveyResponses($inputs: [SubmitSurveyResponseInput!]!) {
    submitSurveyResponses(inputs: $inputs) {
      clientId
      receipt {
        id
      }
      error {
        ...RecordErrorFields
      }
    }
  }
`);

/** A site added on the device; the server answers with the site it keeps (an existing one of the same name, perhaps). */
export const CREATE_SITE = graphql(`
  mutation CreateSite($input: CreateSiteInput!) {
    createSite(input: $input) {
      ...ReferenceSite
    }
  }
`);

export const RECORD_ACTUAL = graphql(`
  mutation RecordActual($input: RecordActualInput!) {
    recordActual(input: $input) {
      id
    }
  }
`);

export const RECORD_SPENDING = graphql(`
  mutation RecordSpending($input: RecordSpendingInput!) {
    recordSpending(input: $input) {
      id
    }
  }
`);

// ── 绩效看板 (online only; the last answer is cached per user, unit and year) ────────────────────

export const DASHBOARD_ORGANIZATIONS = graphql(`
  query DashboardOrganizations {
    organizations {
      code
      name
      parentCode
    }
  }
`);
export type OrganizationRef = DashboardOrganizationsQuery['organizations'][number];

export const DASHBOARD_PROJECT_ROW = graphql(`
  fragment DashboardProjectRow on Project {
    id
    name
    orgName
    year
    budget {
      total
    }
    spent
    evaluation {
      score
      grade
      executionRate
      missing
    }
    spendings {
      date
      amount
    }
  }
`);
export type DashboardProjectRef = DashboardProjectRowFragment;
export type SpendingRef = DashboardProjectRef['spendings'][number];

/** The summary tiles (first page only) and a page of the unit's projects with their spending. */
export const DASHBOARD = graphql(`
  query Dashboard($orgCode: String!, $year: Int!, $after: String, $withSummary: Boolean!) {
    organizationSummary(orgCode: $orgCode, year: $year) @include(if: $withSummary) {
      orgCode
      orgName
      year
      projectCount
      budget
      spent
      executionRate
      averageScore
      grades {
        excellent
        good
        fair
        poor
      }
      incompleteProjects
    }
    projects(orgCode: $orgCode, year: $year, first: 100, after: $after) {
      nodes {
        ...DashboardProjectRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
export type OrganizationSummary = NonNullable<DashboardQuery['organizationSummary']>;

export const DASHBOARD_INDICATOR_ROW = graphql(`
  fragment DashboardIndicatorRow on Indicator {
    id
    name
    level1
    notApplicable
    target {
      raw
    }
    actual {
      value
      tier
    }
    progress {
      completionRate
    }
  }
`);
export type DashboardIndicatorRef = DashboardIndicatorRowFragment;

export const SURVEY_RESULTS_FIELDS = graphql(`
  fragment SurveyResultsFields on SurveyResults {
    surveyId
    responseCount
    satisfactionRate
    questions {
      questionId
      kind
      text
      answeredCount
      counts {
        option
        count
      }
    }
  }
`);
export type SurveyResultsRef = SurveyResultsFieldsFragment;

/** One project's indicators and the results of each of its surveys, in one request. */
export const DASHBOARD_PROJECT = graphql(`
  query DashboardProject($id: ID!) {
    project(id: $id) {
      id
      indicators {
        ...DashboardIndicatorRow
      }
      surveys {
        id
        title
        results {
          ...SurveyResultsFields
        }
      }
    }
  }
`);

// ── 导入目标表 (online only: preview reads, writes nothing; save stores every table or none) ───

export const IMPORT_MESSAGE = graphql(`
  fragment ImportMessageFields on ImportMessage {
    table
    line
    cell
    sheet
    message
  }
`);
export type ImportMessageRef = ImportMessageFieldsFragment;

/** Every table of a file (base64, by its name's extension) or of pasted text, with every guess. */
export const PREVIEW_TARGET_TABLES = graphql(`
  query PreviewTargetTables($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {
    previewTargetTables(text: $text, file: $file, fileName: $fileName, orgCode: $orgCode, year: $year) {
      source
      errors {
        ...ImportMessageFields
      }
      warnings {
        ...ImportMessageFields
      }
      tables {
        tableNumber
        title
        kind
        orgCode
        orgName
        name
        year
        budget {
          total
          fiscal
          other
          carryover
        }
        purpose
        goals
        leader
        period
        existingProjectId
        warnings {
          ...ImportMessageFields
        }
        indicators {
          level1
          level2
          name
          description
          line
          cell
          actual
          weight
          scoring
          warnings {
            ...ImportMessageFields
          }
          target {
            raw
            kind
            comparator
            value
            max
            unit
            deadline
            start
            note
            tolerance
            zeroBelow
          }
        }
      }
    }
  }
`);
export type TargetImportPreview = PreviewTargetTablesQuery['previewTargetTables'];
export type PreviewTable = TargetImportPreview['tables'][number];
export type PreviewIndicator = PreviewTable['indicators'][number];
export type PreviewTarget = PreviewIndicator['target'];

export const SAVE_TARGET_TABLES = graphql(`
  mutation SaveTargetTables($tables: [ImportTableInput!]!) {
    saveTargetTables(tables: $tables) {
      created
      updated
      projects {
        id
        name
        orgName
        year
      }
      warnings {
        ...ImportMessageFields
      }
      errors {
        ...ImportMessageFields
      }
    }
  }
`);
export type SavedTargetTables = SaveTargetTablesMutation['saveTargetTables'];

// ── 地点与设备, project settings (managers, online only) ─────────────────────────────────────────

/** The units the viewer may manage sites of, and every site of them. */
export const MANAGE_SITES = graphql(`
  query ManageSites {
    organizations {
      code
      name
    }
    sites {
      ...ReferenceSite
    }
  }
`);

export const UPDATE_SITE = graphql(`
  mutation UpdateSite($input: UpdateSiteInput!) {
    updateSite(input: $input) {
      ...ReferenceSite
    }
  }
`);

/** A project's settings and equipment as the server has them now (not the device's copy). */
export const MANAGE_PROJECT = graphql(`
  query ManageProject($id: ID!) {
    project(id: $id) {
      id
      requireSignature
      equipmentItems {
        ...ReferenceEquipmentItem
      }
    }
  }
`);

export const UPDATE_PROJECT_SETTINGS = graphql(`
  mutation UpdateProjectSettings($input: UpdateProjectSettingsInput!) {
    updateProjectSettings(input: $input) {
      id
      requireSignature
    }
  }
`);

export const CREATE_EQUIPMENT_ITEM = graphql(`
  mutation CreateEquipmentItem($input: CreateEquipmentItemInput!) {
    createEquipmentItem(input: $input) {
      ...ReferenceEquipmentItem
    }
  }
`);

export const UPDATE_EQUIPMENT_ITEM = graphql(`
  mutation UpdateEquipmentItem($input: UpdateEquipmentItemInput!) {
    updateEquipmentItem(input: $input) {
      ...ReferenceEquipmentItem
    }
  }
`);
