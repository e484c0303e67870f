/**
 * GraphQL documents several suites send to the real server (journeys, hostile input, the CLI).
 * Each is typed by graphql-codegen against packages/server/schema.graphql (`pnpm codegen` writes
 * ./generated/); a suite's own documents sit in the suite, written the same way.
 */
import { graphql } from './generated/index.js';

export const LOGIN = graphql(`
  mutation TestLogin($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      token
    }
  }
`);

/** The seed's 2023 projects with their indicators: what the suites look ids up in. */
export const SEED_PROJECTS = graphql(`
  query SeedProjects {
    projects(year: 2023, first: 100) {
      nodes {
        id
        name
        indicators {
          id
          name
        }
      }
    }
  }
`);

/** A project's score and each indicator's actual and score. */
export const PROJECT_INDICATORS = graphql(`
  query ProjectIndicators($id: ID!) {
    project(id: $id) {
      evaluation {
        score
      }
      indicators {
        name
        actual {
          value
        }
        progress {
          score
        }
      }
    }
  }
`);

/** The acceptances recorded for a project, with whether their photos arrived. */
export const PROJECT_INSPECTIONS = graphql(`
  query ProjectInspections($projectId: ID!) {
    inspections(projectId: $projectId) {
      itemName
      clientId
      photos {
        uploaded
        sha256
      }
      signature {
        uploaded
      }
    }
  }
`);

/** A printable report of one project, or of a unit's year: its signed link. */
export const PRINTABLE_REPORT = graphql(`
  query TestPrintableReport($projectId: ID, $orgCode: String, $year: Int) {
    printableReport(projectId: $projectId, orgCode: $orgCode, year: $year) {
      url
      filename
    }
  }
`);

export const SURVEY_RESULTS = graphql(`
  query TestSurveyResults($id: ID!) {
    surveyResults(surveyId: $id) {
      responseCount
      satisfactionRate
      flaggedCount
      voidedCount
      voidReasons {
        reason
        count
      }
    }
  }
`);

export const CREATE_SURVEY = graphql(`
  mutation TestCreateSurvey($input: CreateSurveyInput!) {
    createSurvey(input: $input) {
      id
      publicToken
      questions {
        id
      }
    }
  }
`);

export const RECORD_ACTUAL = graphql(`
  mutation TestRecordActual($input: RecordActualInput!) {
    recordActual(input: $input) {
      id
    }
  }
`);

export const RECORD_SPENDING = graphql(`
  mutation TestRecordSpending($input: RecordSpendingInput!) {
    recordSpending(input: $input) {
      id
    }
  }
`);

export const SUBMIT_INSPECTION = graphql(`
  mutation TestSubmitInspection($input: SubmitInspectionInput!) {
    submitInspection(input: $input) {
      id
      clientId
    }
  }
`);

/** Whether a project's acceptances need the accepting person's signature (default: they do). */
export const UPDATE_PROJECT_SETTINGS = graphql(`
  mutation TestUpdateProjectSettings($input: UpdateProjectSettingsInput!) {
    updateProjectSettings(input: $input) {
      id
      requireSignature
    }
  }
`);

export const SUBMIT_SURVEY_RESPONSE = graphql(`
  mutation TestSubmitSurveyResponse($input: SubmitSurveyResponseInput!) {
    submitSurveyResponse(input: $input) {
      id
    }
  }
`);
