/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SessionUser on User {\n    id\n    username\n    role\n    orgCode\n    orgName\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation ChangePassword($oldPassword: String!, $newPassword: String!) {\n    changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  fragment ReferenceIndicator on Indicator {\n    id\n    level1\n    level2\n    name\n    description\n    target {\n      raw\n      kind\n      comparator\n      value\n      max\n      unit\n      deadline\n      rule {\n        zeroBelow\n      }\n      tolerance\n    }\n    source\n    notApplicable\n    deviationNote\n    weight\n    actual {\n      value\n      tier\n      ratio\n      note\n      recordedAt\n      recordedBy\n    }\n    progress {\n      completionRate\n      score\n      met\n      deviationNoteRequired\n    }\n  }\n": typeof types.ReferenceIndicatorFragmentDoc,
    "\n  fragment ReferenceProject on Project {\n    id\n    name\n    orgCode\n    orgName\n    year\n    tableNumber\n    purpose\n    goals\n    budget {\n      total\n      fiscal\n      other\n    }\n    requireSignature\n    spent\n    evaluation {\n      score\n      grade\n      executionRate\n      executionScore\n      missing\n      complete\n    }\n    indicators {\n      ...ReferenceIndicator\n    }\n  }\n": typeof types.ReferenceProjectFragmentDoc,
    "\n  fragment ReferenceSite on Site {\n    id\n    name\n    kind\n    address\n    orgCode\n  }\n": typeof types.ReferenceSiteFragmentDoc,
    "\n  fragment ReferenceEquipmentItem on EquipmentItem {\n    id\n    projectId\n    name\n    model\n    serialNumber\n    assetTag\n  }\n": typeof types.ReferenceEquipmentItemFragmentDoc,
    "\n  fragment SurveyQuestionFields on SurveyQuestion {\n    id\n    kind\n    text\n    options\n    required\n  }\n": typeof types.SurveyQuestionFieldsFragmentDoc,
    "\n  fragment ReferenceSurvey on Survey {\n    id\n    title\n    audience\n    questions {\n      ...SurveyQuestionFields\n    }\n    opensAt\n    closesAt\n    isOpen\n    indicator {\n      id\n      name\n    }\n  }\n": typeof types.ReferenceSurveyFragmentDoc,
    "\n  query ReferenceProjects($after: String, $withSites: Boolean!) {\n    sites @include(if: $withSites) {\n      ...ReferenceSite\n    }\n    projects(first: 50, after: $after) {\n      nodes {\n        ...ReferenceProject\n        equipmentItems {\n          ...ReferenceEquipmentItem\n        }\n        surveys {\n          ...ReferenceSurvey\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ReferenceProjectsDocument,
    "\n  fragment ActualRecord on ActualRecord {\n    value\n    tier\n    ratio\n    note\n    recordedAt\n    recordedBy\n  }\n": typeof types.ActualRecordFragmentDoc,
    "\n  fragment EvidencePhoto on Photo {\n    sha256\n    thumbnailUrl\n    url\n    uploaded\n  }\n": typeof types.EvidencePhotoFragmentDoc,
    "\n  fragment EvidenceInspection on Inspection {\n    id\n    kind\n    site {\n      id\n      name\n    }\n    itemName\n    serialNumber\n    checklist {\n      label\n      passed\n    }\n    passed\n    note\n    photos {\n      ...EvidencePhoto\n    }\n    signature {\n      ...EvidencePhoto\n    }\n    location {\n      lat\n      lng\n      accuracy\n    }\n    capturedAt\n    submittedBy\n    reviewStatus\n    reviewReason\n  }\n": typeof types.EvidenceInspectionFragmentDoc,
    "\n  query IndicatorEvidence($id: ID!) {\n    indicator(id: $id) {\n      id\n      actual {\n        value\n        tier\n        ratio\n        note\n        recordedAt\n        recordedBy\n        history {\n          ...ActualRecord\n        }\n      }\n      evidence {\n        source\n        derivedAt\n        surveyId\n        fromSpending\n        inspections {\n          ...EvidenceInspection\n        }\n      }\n    }\n  }\n": typeof types.IndicatorEvidenceDocument,
    "\n  query PublicSurvey($token: String!) {\n    publicSurvey(token: $token) {\n      title\n      audience\n      questions {\n        ...SurveyQuestionFields\n      }\n      opensAt\n      closesAt\n      isOpen\n      requireCode\n      maxResponsesPerDevice\n      deviceToken\n    }\n  }\n": typeof types.PublicSurveyDocument,
    "\n  mutation SubmitInspection($input: SubmitInspectionInput!) {\n    submitInspection(input: $input) {\n      id\n      clientId\n    }\n  }\n": typeof types.SubmitInspectionDocument,
    "\n  mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!) {\n    submitSurveyResponse(input: $input) {\n      id\n      clientId\n    }\n  }\n": typeof types.SubmitSurveyResponseDocument,
    "\n  fragment RecordErrorFields on RecordError {\n    code\n    message\n    field\n    hashes\n    retryAfterSeconds\n  }\n": typeof types.RecordErrorFieldsFragmentDoc,
    "\n  mutation SubmitInspections($inputs: [SubmitInspectionInput!]!) {\n    submitInspections(inputs: $inputs) {\n      clientId\n      inspection {\n        id\n      }\n      error {\n        ...RecordErrorFields\n      }\n    }\n  }\n": typeof types.SubmitInspectionsDocument,
    "\n  mutation SubmitSurveyResponses($inputs: [SubmitSurveyResponseInput!]!) {\n    submitSurveyResponses(inputs: $inputs) {\n      clientId\n      receipt {\n        id\n      }\n      error {\n        ...RecordErrorFields\n      }\n    }\n  }\n": typeof types.SubmitSurveyResponsesDocument,
    "\n  mutation CreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      ...ReferenceSite\n    }\n  }\n": typeof types.CreateSiteDocument,
    "\n  mutation RecordActual($input: RecordActualInput!) {\n    recordActual(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordActualDocument,
    "\n  mutation RecordSpending($input: RecordSpendingInput!) {\n    recordSpending(input: $input) {\n      id\n    }\n  }\n": typeof types.RecordSpendingDocument,
    "\n  query DashboardOrganizations {\n    organizations {\n      code\n      name\n      parentCode\n    }\n  }\n": typeof types.DashboardOrganizationsDocument,
    "\n  fragment DashboardProjectRow on Project {\n    id\n    name\n    orgName\n    year\n    budget {\n      total\n    }\n    spent\n    evaluation {\n      score\n      grade\n      executionRate\n      missing\n    }\n    spendings {\n      date\n      amount\n    }\n  }\n": typeof types.DashboardProjectRowFragmentDoc,
    "\n  query Dashboard($orgCode: String!, $year: Int!, $after: String, $withSummary: Boolean!) {\n    organizationSummary(orgCode: $orgCode, year: $year) @include(if: $withSummary) {\n      orgCode\n      orgName\n      year\n      projectCount\n      budget\n      spent\n      executionRate\n      averageScore\n      grades {\n        excellent\n        good\n        fair\n        poor\n      }\n      incompleteProjects\n    }\n    projects(orgCode: $orgCode, year: $year, first: 100, after: $after) {\n      nodes {\n        ...DashboardProjectRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  fragment DashboardIndicatorRow on Indicator {\n    id\n    name\n    level1\n    notApplicable\n    target {\n      raw\n    }\n    actual {\n      value\n      tier\n    }\n    progress {\n      completionRate\n    }\n  }\n": typeof types.DashboardIndicatorRowFragmentDoc,
    "\n  fragment SurveyResultsFields on SurveyResults {\n    surveyId\n    responseCount\n    satisfactionRate\n    questions {\n      questionId\n      kind\n      text\n      answeredCount\n      counts {\n        option\n        count\n      }\n    }\n  }\n": typeof types.SurveyResultsFieldsFragmentDoc,
    "\n  query DashboardProject($id: ID!) {\n    project(id: $id) {\n      id\n      indicators {\n        ...DashboardIndicatorRow\n      }\n      surveys {\n        id\n        title\n        results {\n          ...SurveyResultsFields\n        }\n      }\n    }\n  }\n": typeof types.DashboardProjectDocument,
    "\n  fragment ImportMessageFields on ImportMessage {\n    table\n    line\n    cell\n    sheet\n    message\n  }\n": typeof types.ImportMessageFieldsFragmentDoc,
    "\n  query PreviewTargetTables($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {\n    previewTargetTables(text: $text, file: $file, fileName: $fileName, orgCode: $orgCode, year: $year) {\n      source\n      errors {\n        ...ImportMessageFields\n      }\n      warnings {\n        ...ImportMessageFields\n      }\n      tables {\n        tableNumber\n        title\n        kind\n        orgCode\n        orgName\n        name\n        year\n        budget {\n          total\n          fiscal\n          other\n          carryover\n        }\n        purpose\n        goals\n        leader\n        period\n        existingProjectId\n        warnings {\n          ...ImportMessageFields\n        }\n        indicators {\n          level1\n          level2\n          name\n          description\n          line\n          cell\n          actual\n          weight\n          scoring\n          warnings {\n            ...ImportMessageFields\n          }\n          target {\n            raw\n            kind\n            comparator\n            value\n            max\n            unit\n            deadline\n            start\n            note\n            tolerance\n            zeroBelow\n          }\n        }\n      }\n    }\n  }\n": typeof types.PreviewTargetTablesDocument,
    "\n  mutation SaveTargetTables($tables: [ImportTableInput!]!) {\n    saveTargetTables(tables: $tables) {\n      created\n      updated\n      projects {\n        id\n        name\n        orgName\n        year\n      }\n      warnings {\n        ...ImportMessageFields\n      }\n      errors {\n        ...ImportMessageFields\n      }\n    }\n  }\n": typeof types.SaveTargetTablesDocument,
    "\n  query ManageSites {\n    organizations {\n      code\n      name\n    }\n    sites {\n      ...ReferenceSite\n    }\n  }\n": typeof types.ManageSitesDocument,
    "\n  mutation UpdateSite($input: UpdateSiteInput!) {\n    updateSite(input: $input) {\n      ...ReferenceSite\n    }\n  }\n": typeof types.UpdateSiteDocument,
    "\n  query ManageProject($id: ID!) {\n    project(id: $id) {\n      id\n      requireSignature\n      equipmentItems {\n        ...ReferenceEquipmentItem\n      }\n    }\n  }\n": typeof types.ManageProjectDocument,
    "\n  mutation UpdateProjectSettings($input: UpdateProjectSettingsInput!) {\n    updateProjectSettings(input: $input) {\n      id\n      requireSignature\n    }\n  }\n": typeof types.UpdateProjectSettingsDocument,
    "\n  mutation CreateEquipmentItem($input: CreateEquipmentItemInput!) {\n    createEquipmentItem(input: $input) {\n      ...ReferenceEquipmentItem\n    }\n  }\n": typeof types.CreateEquipmentItemDocument,
    "\n  mutation UpdateEquipmentItem($input: UpdateEquipmentItemInput!) {\n    updateEquipmentItem(input: $input) {\n      ...ReferenceEquipmentItem\n    }\n  }\n": typeof types.UpdateEquipmentItemDocument,
};
const documents: Documents = {
    "\n  fragment SessionUser on User {\n    id\n    username\n    role\n    orgCode\n    orgName\n  }\n": types.SessionUserFragmentDoc,
    "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation ChangePassword($oldPassword: String!, $newPassword: String!) {\n    changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  fragment ReferenceIndicator on Indicator {\n    id\n    level1\n    level2\n    name\n    description\n    target {\n      raw\n      kind\n      comparator\n      value\n      max\n      unit\n      deadline\n      rule {\n        zeroBelow\n      }\n      tolerance\n    }\n    source\n    notApplicable\n    deviationNote\n    weight\n    actual {\n      value\n      tier\n      ratio\n      note\n      recordedAt\n      recordedBy\n    }\n    progress {\n      completionRate\n      score\n      met\n      deviationNoteRequired\n    }\n  }\n": types.ReferenceIndicatorFragmentDoc,
    "\n  fragment ReferenceProject on Project {\n    id\n    name\n    orgCode\n    orgName\n    year\n    tableNumber\n    purpose\n    goals\n    budget {\n      total\n      fiscal\n      other\n    }\n    requireSignature\n    spent\n    evaluation {\n      score\n      grade\n      executionRate\n      executionScore\n      missing\n      complete\n    }\n    indicators {\n      ...ReferenceIndicator\n    }\n  }\n": types.ReferenceProjectFragmentDoc,
    "\n  fragment ReferenceSite on Site {\n    id\n    name\n    kind\n    address\n    orgCode\n  }\n": types.ReferenceSiteFragmentDoc,
    "\n  fragment ReferenceEquipmentItem on EquipmentItem {\n    id\n    projectId\n    name\n    model\n    serialNumber\n    assetTag\n  }\n": types.ReferenceEquipmentItemFragmentDoc,
    "\n  fragment SurveyQuestionFields on SurveyQuestion {\n    id\n    kind\n    text\n    options\n    required\n  }\n": types.SurveyQuestionFieldsFragmentDoc,
    "\n  fragment ReferenceSurvey on Survey {\n    id\n    title\n    audience\n    questions {\n      ...SurveyQuestionFields\n    }\n    opensAt\n    closesAt\n    isOpen\n    indicator {\n      id\n      name\n    }\n  }\n": types.ReferenceSurveyFragmentDoc,
    "\n  query ReferenceProjects($after: String, $withSites: Boolean!) {\n    sites @include(if: $withSites) {\n      ...ReferenceSite\n    }\n    projects(first: 50, after: $after) {\n      nodes {\n        ...ReferenceProject\n        equipmentItems {\n          ...ReferenceEquipmentItem\n        }\n        surveys {\n          ...ReferenceSurvey\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ReferenceProjectsDocument,
    "\n  fragment ActualRecord on ActualRecord {\n    value\n    tier\n    ratio\n    note\n    recordedAt\n    recordedBy\n  }\n": types.ActualRecordFragmentDoc,
    "\n  fragment EvidencePhoto on Photo {\n    sha256\n    thumbnailUrl\n    url\n    uploaded\n  }\n": types.EvidencePhotoFragmentDoc,
    "\n  fragment EvidenceInspection on Inspection {\n    id\n    kind\n    site {\n      id\n      name\n    }\n    itemName\n    serialNumber\n    checklist {\n      label\n      passed\n    }\n    passed\n    note\n    photos {\n      ...EvidencePhoto\n    }\n    signature {\n      ...EvidencePhoto\n    }\n    location {\n      lat\n      lng\n      accuracy\n    }\n    capturedAt\n    submittedBy\n    reviewStatus\n    reviewReason\n  }\n": types.EvidenceInspectionFragmentDoc,
    "\n  query IndicatorEvidence($id: ID!) {\n    indicator(id: $id) {\n      id\n      actual {\n        value\n        tier\n        ratio\n        note\n        recordedAt\n        recordedBy\n        history {\n          ...ActualRecord\n        }\n      }\n      evidence {\n        source\n        derivedAt\n        surveyId\n        fromSpending\n        inspections {\n          ...EvidenceInspection\n        }\n      }\n    }\n  }\n": types.IndicatorEvidenceDocument,
    "\n  query PublicSurvey($token: String!) {\n    publicSurvey(token: $token) {\n      title\n      audience\n      questions {\n        ...SurveyQuestionFields\n      }\n      opensAt\n      closesAt\n      isOpen\n      requireCode\n      maxResponsesPerDevice\n      deviceToken\n    }\n  }\n": types.PublicSurveyDocument,
    "\n  mutation SubmitInspection($input: SubmitInspectionInput!) {\n    submitInspection(input: $input) {\n      id\n      clientId\n    }\n  }\n": types.SubmitInspectionDocument,
    "\n  mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!) {\n    submitSurveyResponse(input: $input) {\n      id\n      clientId\n    }\n  }\n": types.SubmitSurveyResponseDocument,
    "\n  fragment RecordErrorFields on RecordError {\n    code\n    message\n    field\n    hashes\n    retryAfterSeconds\n  }\n": types.RecordErrorFieldsFragmentDoc,
    "\n  mutation SubmitInspections($inputs: [SubmitInspectionInput!]!) {\n    submitInspections(inputs: $inputs) {\n      clientId\n      inspection {\n        id\n      }\n      error {\n        ...RecordErrorFields\n      }\n    }\n  }\n": types.SubmitInspectionsDocument,
    "\n  mutation SubmitSurveyResponses($inputs: [SubmitSurveyResponseInput!]!) {\n    submitSurveyResponses(inputs: $inputs) {\n      clientId\n      receipt {\n        id\n      }\n      error {\n        ...RecordErrorFields\n      }\n    }\n  }\n": types.SubmitSurveyResponsesDocument,
    "\n  mutation CreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      ...ReferenceSite\n    }\n  }\n": types.CreateSiteDocument,
    "\n  mutation RecordActual($input: RecordActualInput!) {\n    recordActual(input: $input) {\n      id\n    }\n  }\n": types.RecordActualDocument,
    "\n  mutation RecordSpending($input: RecordSpendingInput!) {\n    recordSpending(input: $input) {\n      id\n    }\n  }\n": types.RecordSpendingDocument,
    "\n  query DashboardOrganizations {\n    organizations {\n      code\n      name\n      parentCode\n    }\n  }\n": types.DashboardOrganizationsDocument,
    "\n  fragment DashboardProjectRow on Project {\n    id\n    name\n    orgName\n    year\n    budget {\n      total\n    }\n    spent\n    evaluation {\n      score\n      grade\n      executionRate\n      missing\n    }\n    spendings {\n      date\n      amount\n    }\n  }\n": types.DashboardProjectRowFragmentDoc,
    "\n  query Dashboard($orgCode: String!, $year: Int!, $after: String, $withSummary: Boolean!) {\n    organizationSummary(orgCode: $orgCode, year: $year) @include(if: $withSummary) {\n      orgCode\n      orgName\n      year\n      projectCount\n      budget\n      spent\n      executionRate\n      averageScore\n      grades {\n        excellent\n        good\n        fair\n        poor\n      }\n      incompleteProjects\n    }\n    projects(orgCode: $orgCode, year: $year, first: 100, after: $after) {\n      nodes {\n        ...DashboardProjectRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  fragment DashboardIndicatorRow on Indicator {\n    id\n    name\n    level1\n    notApplicable\n    target {\n      raw\n    }\n    actual {\n      value\n      tier\n    }\n    progress {\n      completionRate\n    }\n  }\n": types.DashboardIndicatorRowFragmentDoc,
    "\n  fragment SurveyResultsFields on SurveyResults {\n    surveyId\n    responseCount\n    satisfactionRate\n    questions {\n      questionId\n      kind\n      text\n      answeredCount\n      counts {\n        option\n        count\n      }\n    }\n  }\n": types.SurveyResultsFieldsFragmentDoc,
    "\n  query DashboardProject($id: ID!) {\n    project(id: $id) {\n      id\n      indicators {\n        ...DashboardIndicatorRow\n      }\n      surveys {\n        id\n        title\n        results {\n          ...SurveyResultsFields\n        }\n      }\n    }\n  }\n": types.DashboardProjectDocument,
    "\n  fragment ImportMessageFields on ImportMessage {\n    table\n    line\n    cell\n    sheet\n    message\n  }\n": types.ImportMessageFieldsFragmentDoc,
    "\n  query PreviewTargetTables($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {\n    previewTargetTables(text: $text, file: $file, fileName: $fileName, orgCode: $orgCode, year: $year) {\n      source\n      errors {\n        ...ImportMessageFields\n      }\n      warnings {\n        ...ImportMessageFields\n      }\n      tables {\n        tableNumber\n        title\n        kind\n        orgCode\n        orgName\n        name\n        year\n        budget {\n          total\n          fiscal\n          other\n          carryover\n        }\n        purpose\n        goals\n        leader\n        period\n        existingProjectId\n        warnings {\n          ...ImportMessageFields\n        }\n        indicators {\n          level1\n          level2\n          name\n          description\n          line\n          cell\n          actual\n          weight\n          scoring\n          warnings {\n            ...ImportMessageFields\n          }\n          target {\n            raw\n            kind\n            comparator\n            value\n            max\n            unit\n            deadline\n            start\n            note\n            tolerance\n            zeroBelow\n          }\n        }\n      }\n    }\n  }\n": types.PreviewTargetTablesDocument,
    "\n  mutation SaveTargetTables($tables: [ImportTableInput!]!) {\n    saveTargetTables(tables: $tables) {\n      created\n      updated\n      projects {\n        id\n        name\n        orgName\n        year\n      }\n      warnings {\n        ...ImportMessageFields\n      }\n      errors {\n        ...ImportMessageFields\n      }\n    }\n  }\n": types.SaveTargetTablesDocument,
    "\n  query ManageSites {\n    organizations {\n      code\n      name\n    }\n    sites {\n      ...ReferenceSite\n    }\n  }\n": types.ManageSitesDocument,
    "\n  mutation UpdateSite($input: UpdateSiteInput!) {\n    updateSite(input: $input) {\n      ...ReferenceSite\n    }\n  }\n": types.UpdateSiteDocument,
    "\n  query ManageProject($id: ID!) {\n    project(id: $id) {\n      id\n      requireSignature\n      equipmentItems {\n        ...ReferenceEquipmentItem\n      }\n    }\n  }\n": types.ManageProjectDocument,
    "\n  mutation UpdateProjectSettings($input: UpdateProjectSettingsInput!) {\n    updateProjectSettings(input: $input) {\n      id\n      requireSignature\n    }\n  }\n": types.UpdateProjectSettingsDocument,
    "\n  mutation CreateEquipmentItem($input: CreateEquipmentItemInput!) {\n    createEquipmentItem(input: $input) {\n      ...ReferenceEquipmentItem\n    }\n  }\n": types.CreateEquipmentItemDocument,
    "\n  mutation UpdateEquipmentItem($input: UpdateEquipmentItemInput!) {\n    updateEquipmentItem(input: $input) {\n      ...ReferenceEquipmentItem\n    }\n  }\n": types.UpdateEquipmentItemDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    username\n    role\n    orgCode\n    orgName\n  }\n"): typeof import('./graphql').SessionUserFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($oldPassword: String!, $newPassword: String!) {\n    changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {\n      token\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): typeof import('./graphql').ChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferenceIndicator on Indicator {\n    id\n    level1\n    level2\n    name\n    description\n    target {\n      raw\n      kind\n      comparator\n      value\n      max\n      unit\n      deadline\n      rule {\n        zeroBelow\n      }\n      tolerance\n    }\n    source\n    notApplicable\n    deviationNote\n    weight\n    actual {\n      value\n      tier\n      ratio\n      note\n      recordedAt\n      recordedBy\n    }\n    progress {\n      completionRate\n      score\n      met\n      deviationNoteRequired\n    }\n  }\n"): typeof import('./graphql').ReferenceIndicatorFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferenceProject on Project {\n    id\n    name\n    orgCode\n    orgName\n    year\n    tableNumber\n    purpose\n    goals\n    budget {\n      total\n      fiscal\n      other\n    }\n    requireSignature\n    spent\n    evaluation {\n      score\n      grade\n      executionRate\n      executionScore\n      missing\n      complete\n    }\n    indicators {\n      ...ReferenceIndicator\n    }\n  }\n"): typeof import('./graphql').ReferenceProjectFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferenceSite on Site {\n    id\n    name\n    kind\n    address\n    orgCode\n  }\n"): typeof import('./graphql').ReferenceSiteFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferenceEquipmentItem on EquipmentItem {\n    id\n    projectId\n    name\n    model\n    serialNumber\n    assetTag\n  }\n"): typeof import('./graphql').ReferenceEquipmentItemFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SurveyQuestionFields on SurveyQuestion {\n    id\n    kind\n    text\n    options\n    required\n  }\n"): typeof import('./graphql').SurveyQuestionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReferenceSurvey on Survey {\n    id\n    title\n    audience\n    questions {\n      ...SurveyQuestionFields\n    }\n    opensAt\n    closesAt\n    isOpen\n    indicator {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ReferenceSurveyFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReferenceProjects($after: String, $withSites: Boolean!) {\n    sites @include(if: $withSites) {\n      ...ReferenceSite\n    }\n    projects(first: 50, after: $after) {\n      nodes {\n        ...ReferenceProject\n        equipmentItems {\n          ...ReferenceEquipmentItem\n        }\n        surveys {\n          ...ReferenceSurvey\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').ReferenceProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ActualRecord on ActualRecord {\n    value\n    tier\n    ratio\n    note\n    recordedAt\n    recordedBy\n  }\n"): typeof import('./graphql').ActualRecordFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EvidencePhoto on Photo {\n    sha256\n    thumbnailUrl\n    url\n    uploaded\n  }\n"): typeof import('./graphql').EvidencePhotoFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EvidenceInspection on Inspection {\n    id\n    kind\n    site {\n      id\n      name\n    }\n    itemName\n    serialNumber\n    checklist {\n      label\n      passed\n    }\n    passed\n    note\n    photos {\n      ...EvidencePhoto\n    }\n    signature {\n      ...EvidencePhoto\n    }\n    location {\n      lat\n      lng\n      accuracy\n    }\n    capturedAt\n    submittedBy\n    reviewStatus\n    reviewReason\n  }\n"): typeof import('./graphql').EvidenceInspectionFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorEvidence($id: ID!) {\n    indicator(id: $id) {\n      id\n      actual {\n        value\n        tier\n        ratio\n        note\n        recordedAt\n        recordedBy\n        history {\n          ...ActualRecord\n        }\n      }\n      evidence {\n        source\n        derivedAt\n        surveyId\n        fromSpending\n        inspections {\n          ...EvidenceInspection\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').IndicatorEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicSurvey($token: String!) {\n    publicSurvey(token: $token) {\n      title\n      audience\n      questions {\n        ...SurveyQuestionFields\n      }\n      opensAt\n      closesAt\n      isOpen\n      requireCode\n      maxResponsesPerDevice\n      deviceToken\n    }\n  }\n"): typeof import('./graphql').PublicSurveyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitInspection($input: SubmitInspectionInput!) {\n    submitInspection(input: $input) {\n      id\n      clientId\n    }\n  }\n"): typeof import('./graphql').SubmitInspectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitSurveyResponse($input: SubmitSurveyResponseInput!) {\n    submitSurveyResponse(input: $input) {\n      id\n      clientId\n    }\n  }\n"): typeof import('./graphql').SubmitSurveyResponseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RecordErrorFields on RecordError {\n    code\n    message\n    field\n    hashes\n    retryAfterSeconds\n  }\n"): typeof import('./graphql').RecordErrorFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitInspections($inputs: [SubmitInspectionInput!]!) {\n    submitInspections(inputs: $inputs) {\n      clientId\n      inspection {\n        id\n      }\n      error {\n        ...RecordErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').SubmitInspectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitSurveyResponses($inputs: [SubmitSurveyResponseInput!]!) {\n    submitSurveyResponses(inputs: $inputs) {\n      clientId\n      receipt {\n        id\n      }\n      error {\n        ...RecordErrorFields\n      }\n    }\n  }\n"): typeof import('./graphql').SubmitSurveyResponsesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      ...ReferenceSite\n    }\n  }\n"): typeof import('./graphql').CreateSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordActual($input: RecordActualInput!) {\n    recordActual(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').RecordActualDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordSpending($input: RecordSpendingInput!) {\n    recordSpending(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').RecordSpendingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardOrganizations {\n    organizations {\n      code\n      name\n      parentCode\n    }\n  }\n"): typeof import('./graphql').DashboardOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardProjectRow on Project {\n    id\n    name\n    orgName\n    year\n    budget {\n      total\n    }\n    spent\n    evaluation {\n      score\n      grade\n      executionRate\n      missing\n    }\n    spendings {\n      date\n      amount\n    }\n  }\n"): typeof import('./graphql').DashboardProjectRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($orgCode: String!, $year: Int!, $after: String, $withSummary: Boolean!) {\n    organizationSummary(orgCode: $orgCode, year: $year) @include(if: $withSummary) {\n      orgCode\n      orgName\n      year\n      projectCount\n      budget\n      spent\n      executionRate\n      averageScore\n      grades {\n        excellent\n        good\n        fair\n        poor\n      }\n      incompleteProjects\n    }\n    projects(orgCode: $orgCode, year: $year, first: 100, after: $after) {\n      nodes {\n        ...DashboardProjectRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DashboardIndicatorRow on Indicator {\n    id\n    name\n    level1\n    notApplicable\n    target {\n      raw\n    }\n    actual {\n      value\n      tier\n    }\n    progress {\n      completionRate\n    }\n  }\n"): typeof import('./graphql').DashboardIndicatorRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SurveyResultsFields on SurveyResults {\n    surveyId\n    responseCount\n    satisfactionRate\n    questions {\n      questionId\n      kind\n      text\n      answeredCount\n      counts {\n        option\n        count\n      }\n    }\n  }\n"): typeof import('./graphql').SurveyResultsFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardProject($id: ID!) {\n    project(id: $id) {\n      id\n      indicators {\n        ...DashboardIndicatorRow\n      }\n      surveys {\n        id\n        title\n        results {\n          ...SurveyResultsFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportMessageFields on ImportMessage {\n    table\n    line\n    cell\n    sheet\n    message\n  }\n"): typeof import('./graphql').ImportMessageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PreviewTargetTables($text: String, $file: String, $fileName: String, $orgCode: String, $year: Int) {\n    previewTargetTables(text: $text, file: $file, fileName: $fileName, orgCode: $orgCode, year: $year) {\n      source\n      errors {\n        ...ImportMessageFields\n      }\n      warnings {\n        ...ImportMessageFields\n      }\n      tables {\n        tableNumber\n        title\n        kind\n        orgCode\n        orgName\n        name\n        year\n        budget {\n          total\n          fiscal\n          other\n          carryover\n        }\n        purpose\n        goals\n        leader\n        period\n        existingProjectId\n        warnings {\n          ...ImportMessageFields\n        }\n        indicators {\n          level1\n          level2\n          name\n          description\n          line\n          cell\n          actual\n          weight\n          scoring\n          warnings {\n            ...ImportMessageFields\n          }\n          target {\n            raw\n            kind\n            comparator\n            value\n            max\n            unit\n            deadline\n            start\n            note\n            tolerance\n            zeroBelow\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PreviewTargetTablesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveTargetTables($tables: [ImportTableInput!]!) {\n    saveTargetTables(tables: $tables) {\n      created\n      updated\n      projects {\n        id\n        name\n        orgName\n        year\n      }\n      warnings {\n        ...ImportMessageFields\n      }\n      errors {\n        ...ImportMessageFields\n      }\n    }\n  }\n"): typeof import('./graphql').SaveTargetTablesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManageSites {\n    organizations {\n      code\n      name\n    }\n    sites {\n      ...ReferenceSite\n    }\n  }\n"): typeof import('./graphql').ManageSitesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSite($input: UpdateSiteInput!) {\n    updateSite(input: $input) {\n      ...ReferenceSite\n    }\n  }\n"): typeof import('./graphql').UpdateSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManageProject($id: ID!) {\n    project(id: $id) {\n      id\n      requireSignature\n      equipmentItems {\n        ...ReferenceEquipmentItem\n      }\n    }\n  }\n"): typeof import('./graphql').ManageProjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProjectSettings($input: UpdateProjectSettingsInput!) {\n    updateProjectSettings(input: $input) {\n      id\n      requireSignature\n    }\n  }\n"): typeof import('./graphql').UpdateProjectSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEquipmentItem($input: CreateEquipmentItemInput!) {\n    createEquipmentItem(input: $input) {\n      ...ReferenceEquipmentItem\n    }\n  }\n"): typeof import('./graphql').CreateEquipmentItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEquipmentItem($input: UpdateEquipmentItemInput!) {\n    updateEquipmentItem(input: $input) {\n      ...ReferenceEquipmentItem\n    }\n  }\n"): typeof import('./graphql').UpdateEquipmentItemDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
