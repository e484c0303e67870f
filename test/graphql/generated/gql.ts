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
    "\n  query BackupProjects {\n    projects(year: 2023) {\n      nodes {\n        id\n        name\n        indicators {\n          id\n          source\n          target {\n            kind\n            value\n            unit\n          }\n        }\n      }\n    }\n  }\n": typeof types.BackupProjectsDocument,
    "\n  query BackupInspections($projectId: ID!) {\n    inspections(projectId: $projectId) {\n      clientId\n    }\n  }\n": typeof types.BackupInspectionsDocument,
    "\n  query FirstRunState {\n    me {\n      username\n      displayName\n      role\n    }\n    users {\n      username\n      displayName\n      role\n      disabled\n    }\n    projects(year: 2023, first: 100) {\n      totalCount\n      nodes {\n        name\n        budget {\n          total\n        }\n        indicators {\n          name\n          target {\n            raw\n          }\n          actual {\n            value\n          }\n          evidence {\n            inspections {\n              itemName\n              photos {\n                sha256\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.FirstRunStateDocument,
    "\n  query FirstRunMe {\n    me {\n      username\n    }\n  }\n": typeof types.FirstRunMeDocument,
    "\n        mutation FirstRunCreateUser($input: CreateUserInput!) {\n          createUser(input: $input) {\n            user {\n              username\n            }\n          }\n        }\n      ": typeof types.FirstRunCreateUserDocument,
    "\n        mutation FirstRunChangePassword($oldPassword: String!, $newPassword: String!) {\n          changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {\n            token\n          }\n        }\n      ": typeof types.FirstRunChangePasswordDocument,
    "\n        mutation DemoLogin($username: String!, $password: String!) {\n          login(username: $username, password: $password) {\n            token\n            user {\n              role\n            }\n          }\n        }\n      ": typeof types.DemoLoginDocument,
    "\n  query AcceptanceSitesAndInspections($projectId: ID!) {\n    sites {\n      id\n      name\n      kind\n      address\n    }\n    inspections(projectId: $projectId) {\n      itemName\n      passed\n      site {\n        id\n        name\n      }\n      checklist {\n        label\n        passed\n      }\n      photos {\n        uploaded\n        capturedAt\n        latitude\n        longitude\n      }\n      signature {\n        uploaded\n      }\n    }\n  }\n": typeof types.AcceptanceSitesAndInspectionsDocument,
    "\n  mutation AcceptanceCreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n": typeof types.AcceptanceCreateSiteDocument,
    "\n  query DashboardSeed {\n    projects(year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        budget {\n          total\n        }\n        indicators {\n          id\n          name\n          source\n          notApplicable\n          target {\n            kind\n            value\n            unit\n            deadline\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardSeedDocument,
    "\n  query ImportedProjects {\n    projects(orgCode: \"218101\", year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        indicators {\n          name\n          target {\n            raw\n            kind\n            comparator\n            value\n            unit\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImportedProjectsDocument,
    "\n        mutation TestSetDeviationNote($id: ID!, $note: String) {\n          setDeviationNote(indicatorId: $id, note: $note) {\n            id\n          }\n        }\n      ": typeof types.TestSetDeviationNoteDocument,
    "\n  mutation TestLogin($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n": typeof types.TestLoginDocument,
    "\n  query SeedProjects {\n    projects(year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        indicators {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.SeedProjectsDocument,
    "\n  query ProjectIndicators($id: ID!) {\n    project(id: $id) {\n      evaluation {\n        score\n      }\n      indicators {\n        name\n        actual {\n          value\n        }\n        progress {\n          score\n        }\n      }\n    }\n  }\n": typeof types.ProjectIndicatorsDocument,
    "\n  query ProjectInspections($projectId: ID!) {\n    inspections(projectId: $projectId) {\n      itemName\n      clientId\n      photos {\n        uploaded\n        sha256\n      }\n      signature {\n        uploaded\n      }\n    }\n  }\n": typeof types.ProjectInspectionsDocument,
    "\n  query TestPrintableReport($projectId: ID, $orgCode: String, $year: Int) {\n    printableReport(projectId: $projectId, orgCode: $orgCode, year: $year) {\n      url\n      filename\n    }\n  }\n": typeof types.TestPrintableReportDocument,
    "\n  query TestSurveyResults($id: ID!) {\n    surveyResults(surveyId: $id) {\n      responseCount\n      satisfactionRate\n      flaggedCount\n      voidedCount\n      voidReasons {\n        reason\n        count\n      }\n    }\n  }\n": typeof types.TestSurveyResultsDocument,
    "\n  mutation TestCreateSurvey($input: CreateSurveyInput!) {\n    createSurvey(input: $input) {\n      id\n      publicToken\n      questions {\n        id\n      }\n    }\n  }\n": typeof types.TestCreateSurveyDocument,
    "\n  mutation TestRecordActual($input: RecordActualInput!) {\n    recordActual(input: $input) {\n      id\n    }\n  }\n": typeof types.TestRecordActualDocument,
    "\n  mutation TestRecordSpending($input: RecordSpendingInput!) {\n    recordSpending(input: $input) {\n      id\n    }\n  }\n": typeof types.TestRecordSpendingDocument,
    "\n  mutation TestSubmitInspection($input: SubmitInspectionInput!) {\n    submitInspection(input: $input) {\n      id\n      clientId\n    }\n  }\n": typeof types.TestSubmitInspectionDocument,
    "\n  mutation TestUpdateProjectSettings($input: UpdateProjectSettingsInput!) {\n    updateProjectSettings(input: $input) {\n      id\n      requireSignature\n    }\n  }\n": typeof types.TestUpdateProjectSettingsDocument,
    "\n  mutation TestSubmitSurveyResponse($input: SubmitSurveyResponseInput!) {\n    submitSurveyResponse(input: $input) {\n      id\n    }\n  }\n": typeof types.TestSubmitSurveyResponseDocument,
    "\n  mutation TestCreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n": typeof types.TestCreateSiteDocument,
    "\n  mutation TestImportTargetTables($text: String!) {\n    importTargetTables(text: $text, year: 2023) {\n      created\n      updated\n      warnings {\n        message\n      }\n      errors {\n        message\n      }\n      projects {\n        orgCode\n      }\n    }\n  }\n": typeof types.TestImportTargetTablesDocument,
    "\n  query TestUnitBudgets($orgCode: String!) {\n    projects(orgCode: $orgCode) {\n      totalCount\n      nodes {\n        name\n        budget {\n          total\n        }\n      }\n    }\n  }\n": typeof types.TestUnitBudgetsDocument,
    "\n      mutation TestCreateOrganization($input: CreateOrganizationInput!) {\n        createOrganization(input: $input) {\n          code\n          parentCode\n        }\n      }\n    ": typeof types.TestCreateOrganizationDocument,
    "\n  mutation TestReviewInspection($id: ID!, $accept: Boolean!) {\n    reviewInspection(id: $id, accept: $accept, reason: \"核实\") {\n      reviewStatus\n    }\n  }\n": typeof types.TestReviewInspectionDocument,
    "\n  query TestUnitProjects($orgCode: String!) {\n    projects(orgCode: $orgCode) {\n      nodes {\n        id\n      }\n    }\n  }\n": typeof types.TestUnitProjectsDocument,
    "\n  mutation TestVoidSurveyResponse($id: ID!, $reason: String!) {\n    voidSurveyResponse(responseId: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.TestVoidSurveyResponseDocument,
    "\n  query TestDeviceToken($token: String!) {\n    publicSurvey(token: $token) {\n      deviceToken\n    }\n  }\n": typeof types.TestDeviceTokenDocument,
    "\n        query TestSurveyResponses($id: ID!) {\n          surveyResponses(surveyId: $id) {\n            id\n            channel\n            flagReason\n          }\n        }\n      ": typeof types.TestSurveyResponsesDocument,
};
const documents: Documents = {
    "\n  query BackupProjects {\n    projects(year: 2023) {\n      nodes {\n        id\n        name\n        indicators {\n          id\n          source\n          target {\n            kind\n            value\n            unit\n          }\n        }\n      }\n    }\n  }\n": types.BackupProjectsDocument,
    "\n  query BackupInspections($projectId: ID!) {\n    inspections(projectId: $projectId) {\n      clientId\n    }\n  }\n": types.BackupInspectionsDocument,
    "\n  query FirstRunState {\n    me {\n      username\n      displayName\n      role\n    }\n    users {\n      username\n      displayName\n      role\n      disabled\n    }\n    projects(year: 2023, first: 100) {\n      totalCount\n      nodes {\n        name\n        budget {\n          total\n        }\n        indicators {\n          name\n          target {\n            raw\n          }\n          actual {\n            value\n          }\n          evidence {\n            inspections {\n              itemName\n              photos {\n                sha256\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.FirstRunStateDocument,
    "\n  query FirstRunMe {\n    me {\n      username\n    }\n  }\n": types.FirstRunMeDocument,
    "\n        mutation FirstRunCreateUser($input: CreateUserInput!) {\n          createUser(input: $input) {\n            user {\n              username\n            }\n          }\n        }\n      ": types.FirstRunCreateUserDocument,
    "\n        mutation FirstRunChangePassword($oldPassword: String!, $newPassword: String!) {\n          changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {\n            token\n          }\n        }\n      ": types.FirstRunChangePasswordDocument,
    "\n        mutation DemoLogin($username: String!, $password: String!) {\n          login(username: $username, password: $password) {\n            token\n            user {\n              role\n            }\n          }\n        }\n      ": types.DemoLoginDocument,
    "\n  query AcceptanceSitesAndInspections($projectId: ID!) {\n    sites {\n      id\n      name\n      kind\n      address\n    }\n    inspections(projectId: $projectId) {\n      itemName\n      passed\n      site {\n        id\n        name\n      }\n      checklist {\n        label\n        passed\n      }\n      photos {\n        uploaded\n        capturedAt\n        latitude\n        longitude\n      }\n      signature {\n        uploaded\n      }\n    }\n  }\n": types.AcceptanceSitesAndInspectionsDocument,
    "\n  mutation AcceptanceCreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n": types.AcceptanceCreateSiteDocument,
    "\n  query DashboardSeed {\n    projects(year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        budget {\n          total\n        }\n        indicators {\n          id\n          name\n          source\n          notApplicable\n          target {\n            kind\n            value\n            unit\n            deadline\n          }\n        }\n      }\n    }\n  }\n": types.DashboardSeedDocument,
    "\n  query ImportedProjects {\n    projects(orgCode: \"218101\", year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        indicators {\n          name\n          target {\n            raw\n            kind\n            comparator\n            value\n            unit\n          }\n        }\n      }\n    }\n  }\n": types.ImportedProjectsDocument,
    "\n        mutation TestSetDeviationNote($id: ID!, $note: String) {\n          setDeviationNote(indicatorId: $id, note: $note) {\n            id\n          }\n        }\n      ": types.TestSetDeviationNoteDocument,
    "\n  mutation TestLogin($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n": types.TestLoginDocument,
    "\n  query SeedProjects {\n    projects(year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        indicators {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.SeedProjectsDocument,
    "\n  query ProjectIndicators($id: ID!) {\n    project(id: $id) {\n      evaluation {\n        score\n      }\n      indicators {\n        name\n        actual {\n          value\n        }\n        progress {\n          score\n        }\n      }\n    }\n  }\n": types.ProjectIndicatorsDocument,
    "\n  query ProjectInspections($projectId: ID!) {\n    inspections(projectId: $projectId) {\n      itemName\n      clientId\n      photos {\n        uploaded\n        sha256\n      }\n      signature {\n        uploaded\n      }\n    }\n  }\n": types.ProjectInspectionsDocument,
    "\n  query TestPrintableReport($projectId: ID, $orgCode: String, $year: Int) {\n    printableReport(projectId: $projectId, orgCode: $orgCode, year: $year) {\n      url\n      filename\n    }\n  }\n": types.TestPrintableReportDocument,
    "\n  query TestSurveyResults($id: ID!) {\n    surveyResults(surveyId: $id) {\n      responseCount\n      satisfactionRate\n      flaggedCount\n      voidedCount\n      voidReasons {\n        reason\n        count\n      }\n    }\n  }\n": types.TestSurveyResultsDocument,
    "\n  mutation TestCreateSurvey($input: CreateSurveyInput!) {\n    createSurvey(input: $input) {\n      id\n      publicToken\n      questions {\n        id\n      }\n    }\n  }\n": types.TestCreateSurveyDocument,
    "\n  mutation TestRecordActual($input: RecordActualInput!) {\n    recordActual(input: $input) {\n      id\n    }\n  }\n": types.TestRecordActualDocument,
    "\n  mutation TestRecordSpending($input: RecordSpendingInput!) {\n    recordSpending(input: $input) {\n      id\n    }\n  }\n": types.TestRecordSpendingDocument,
    "\n  mutation TestSubmitInspection($input: SubmitInspectionInput!) {\n    submitInspection(input: $input) {\n      id\n      clientId\n    }\n  }\n": types.TestSubmitInspectionDocument,
    "\n  mutation TestUpdateProjectSettings($input: UpdateProjectSettingsInput!) {\n    updateProjectSettings(input: $input) {\n      id\n      requireSignature\n    }\n  }\n": types.TestUpdateProjectSettingsDocument,
    "\n  mutation TestSubmitSurveyResponse($input: SubmitSurveyResponseInput!) {\n    submitSurveyResponse(input: $input) {\n      id\n    }\n  }\n": types.TestSubmitSurveyResponseDocument,
    "\n  mutation TestCreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n": types.TestCreateSiteDocument,
    "\n  mutation TestImportTargetTables($text: String!) {\n    importTargetTables(text: $text, year: 2023) {\n      created\n      updated\n      warnings {\n        message\n      }\n      errors {\n        message\n      }\n      projects {\n        orgCode\n      }\n    }\n  }\n": types.TestImportTargetTablesDocument,
    "\n  query TestUnitBudgets($orgCode: String!) {\n    projects(orgCode: $orgCode) {\n      totalCount\n      nodes {\n        name\n        budget {\n          total\n        }\n      }\n    }\n  }\n": types.TestUnitBudgetsDocument,
    "\n      mutation TestCreateOrganization($input: CreateOrganizationInput!) {\n        createOrganization(input: $input) {\n          code\n          parentCode\n        }\n      }\n    ": types.TestCreateOrganizationDocument,
    "\n  mutation TestReviewInspection($id: ID!, $accept: Boolean!) {\n    reviewInspection(id: $id, accept: $accept, reason: \"核实\") {\n      reviewStatus\n    }\n  }\n": types.TestReviewInspectionDocument,
    "\n  query TestUnitProjects($orgCode: String!) {\n    projects(orgCode: $orgCode) {\n      nodes {\n        id\n      }\n    }\n  }\n": types.TestUnitProjectsDocument,
    "\n  mutation TestVoidSurveyResponse($id: ID!, $reason: String!) {\n    voidSurveyResponse(responseId: $id, reason: $reason) {\n      id\n    }\n  }\n": types.TestVoidSurveyResponseDocument,
    "\n  query TestDeviceToken($token: String!) {\n    publicSurvey(token: $token) {\n      deviceToken\n    }\n  }\n": types.TestDeviceTokenDocument,
    "\n        query TestSurveyResponses($id: ID!) {\n          surveyResponses(surveyId: $id) {\n            id\n            channel\n            flagReason\n          }\n        }\n      ": types.TestSurveyResponsesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackupProjects {\n    projects(year: 2023) {\n      nodes {\n        id\n        name\n        indicators {\n          id\n          source\n          target {\n            kind\n            value\n            unit\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BackupProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackupInspections($projectId: ID!) {\n    inspections(projectId: $projectId) {\n      clientId\n    }\n  }\n"): typeof import('./graphql').BackupInspectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirstRunState {\n    me {\n      username\n      displayName\n      role\n    }\n    users {\n      username\n      displayName\n      role\n      disabled\n    }\n    projects(year: 2023, first: 100) {\n      totalCount\n      nodes {\n        name\n        budget {\n          total\n        }\n        indicators {\n          name\n          target {\n            raw\n          }\n          actual {\n            value\n          }\n          evidence {\n            inspections {\n              itemName\n              photos {\n                sha256\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FirstRunStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FirstRunMe {\n    me {\n      username\n    }\n  }\n"): typeof import('./graphql').FirstRunMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation FirstRunCreateUser($input: CreateUserInput!) {\n          createUser(input: $input) {\n            user {\n              username\n            }\n          }\n        }\n      "): typeof import('./graphql').FirstRunCreateUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation FirstRunChangePassword($oldPassword: String!, $newPassword: String!) {\n          changePassword(oldPassword: $oldPassword, newPassword: $newPassword) {\n            token\n          }\n        }\n      "): typeof import('./graphql').FirstRunChangePasswordDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation DemoLogin($username: String!, $password: String!) {\n          login(username: $username, password: $password) {\n            token\n            user {\n              role\n            }\n          }\n        }\n      "): typeof import('./graphql').DemoLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AcceptanceSitesAndInspections($projectId: ID!) {\n    sites {\n      id\n      name\n      kind\n      address\n    }\n    inspections(projectId: $projectId) {\n      itemName\n      passed\n      site {\n        id\n        name\n      }\n      checklist {\n        label\n        passed\n      }\n      photos {\n        uploaded\n        capturedAt\n        latitude\n        longitude\n      }\n      signature {\n        uploaded\n      }\n    }\n  }\n"): typeof import('./graphql').AcceptanceSitesAndInspectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptanceCreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').AcceptanceCreateSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardSeed {\n    projects(year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        budget {\n          total\n        }\n        indicators {\n          id\n          name\n          source\n          notApplicable\n          target {\n            kind\n            value\n            unit\n            deadline\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardSeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportedProjects {\n    projects(orgCode: \"218101\", year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        indicators {\n          name\n          target {\n            raw\n            kind\n            comparator\n            value\n            unit\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ImportedProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        mutation TestSetDeviationNote($id: ID!, $note: String) {\n          setDeviationNote(indicatorId: $id, note: $note) {\n            id\n          }\n        }\n      "): typeof import('./graphql').TestSetDeviationNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestLogin($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      token\n    }\n  }\n"): typeof import('./graphql').TestLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SeedProjects {\n    projects(year: 2023, first: 100) {\n      nodes {\n        id\n        name\n        indicators {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SeedProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectIndicators($id: ID!) {\n    project(id: $id) {\n      evaluation {\n        score\n      }\n      indicators {\n        name\n        actual {\n          value\n        }\n        progress {\n          score\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ProjectIndicatorsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProjectInspections($projectId: ID!) {\n    inspections(projectId: $projectId) {\n      itemName\n      clientId\n      photos {\n        uploaded\n        sha256\n      }\n      signature {\n        uploaded\n      }\n    }\n  }\n"): typeof import('./graphql').ProjectInspectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestPrintableReport($projectId: ID, $orgCode: String, $year: Int) {\n    printableReport(projectId: $projectId, orgCode: $orgCode, year: $year) {\n      url\n      filename\n    }\n  }\n"): typeof import('./graphql').TestPrintableReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestSurveyResults($id: ID!) {\n    surveyResults(surveyId: $id) {\n      responseCount\n      satisfactionRate\n      flaggedCount\n      voidedCount\n      voidReasons {\n        reason\n        count\n      }\n    }\n  }\n"): typeof import('./graphql').TestSurveyResultsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCreateSurvey($input: CreateSurveyInput!) {\n    createSurvey(input: $input) {\n      id\n      publicToken\n      questions {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').TestCreateSurveyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestRecordActual($input: RecordActualInput!) {\n    recordActual(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').TestRecordActualDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestRecordSpending($input: RecordSpendingInput!) {\n    recordSpending(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').TestRecordSpendingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestSubmitInspection($input: SubmitInspectionInput!) {\n    submitInspection(input: $input) {\n      id\n      clientId\n    }\n  }\n"): typeof import('./graphql').TestSubmitInspectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestUpdateProjectSettings($input: UpdateProjectSettingsInput!) {\n    updateProjectSettings(input: $input) {\n      id\n      requireSignature\n    }\n  }\n"): typeof import('./graphql').TestUpdateProjectSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestSubmitSurveyResponse($input: SubmitSurveyResponseInput!) {\n    submitSurveyResponse(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').TestSubmitSurveyResponseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCreateSite($input: CreateSiteInput!) {\n    createSite(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').TestCreateSiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestImportTargetTables($text: String!) {\n    importTargetTables(text: $text, year: 2023) {\n      created\n      updated\n      warnings {\n        message\n      }\n      errors {\n        message\n      }\n      projects {\n        orgCode\n      }\n    }\n  }\n"): typeof import('./graphql').TestImportTargetTablesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestUnitBudgets($orgCode: String!) {\n    projects(orgCode: $orgCode) {\n      totalCount\n      nodes {\n        name\n        budget {\n          total\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TestUnitBudgetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n      mutation TestCreateOrganization($input: CreateOrganizationInput!) {\n        createOrganization(input: $input) {\n          code\n          parentCode\n        }\n      }\n    "): typeof import('./graphql').TestCreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestReviewInspection($id: ID!, $accept: Boolean!) {\n    reviewInspection(id: $id, accept: $accept, reason: \"核实\") {\n      reviewStatus\n    }\n  }\n"): typeof import('./graphql').TestReviewInspectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestUnitProjects($orgCode: String!) {\n    projects(orgCode: $orgCode) {\n      nodes {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').TestUnitProjectsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestVoidSurveyResponse($id: ID!, $reason: String!) {\n    voidSurveyResponse(responseId: $id, reason: $reason) {\n      id\n    }\n  }\n"): typeof import('./graphql').TestVoidSurveyResponseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TestDeviceToken($token: String!) {\n    publicSurvey(token: $token) {\n      deviceToken\n    }\n  }\n"): typeof import('./graphql').TestDeviceTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n        query TestSurveyResponses($id: ID!) {\n          surveyResponses(surveyId: $id) {\n            id\n            channel\n            flagReason\n          }\n        }\n      "): typeof import('./graphql').TestSurveyResponsesDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
