/* eslint-disable */
import type * as Types from './graphql';

/** Every operation the documents define, by name: its result and its variables. */
export interface Operations {
  ChangePassword: { result: Types.ChangePasswordMutation; variables: Types.ChangePasswordMutationVariables };
  CreateSite: { result: Types.CreateSiteMutation; variables: Types.CreateSiteMutationVariables };
  Dashboard: { result: Types.DashboardQuery; variables: Types.DashboardQueryVariables };
  DashboardOrganizations: { result: Types.DashboardOrganizationsQuery; variables: Types.DashboardOrganizationsQueryVariables };
  DashboardProject: { result: Types.DashboardProjectQuery; variables: Types.DashboardProjectQueryVariables };
  IndicatorEvidence: { result: Types.IndicatorEvidenceQuery; variables: Types.IndicatorEvidenceQueryVariables };
  Login: { result: Types.LoginMutation; variables: Types.LoginMutationVariables };
  PreviewTargetTables: { result: Types.PreviewTargetTablesQuery; variables: Types.PreviewTargetTablesQueryVariables };
  PublicSurvey: { result: Types.PublicSurveyQuery; variables: Types.PublicSurveyQueryVariables };
  RecordActual: { result: Types.RecordActualMutation; variables: Types.RecordActualMutationVariables };
  RecordSpending: { result: Types.RecordSpendingMutation; variables: Types.RecordSpendingMutationVariables };
  ReferenceProjects: { result: Types.ReferenceProjectsQuery; variables: Types.ReferenceProjectsQueryVariables };
  SaveTargetTables: { result: Types.SaveTargetTablesMutation; variables: Types.SaveTargetTablesMutationVariables };
  SubmitInspection: { result: Types.SubmitInspectionMutation; variables: Types.SubmitInspectionMutationVariables };
  SubmitSurveyResponse: { result: Types.SubmitSurveyResponseMutation; variables: Types.SubmitSurveyResponseMutationVariables };
}
