/* eslint-disable */
import type * as Types from './graphql';

/** Every operation the documents define, by name: its result and its variables. */
export interface Operations {
  ChangePassword: { result: Types.ChangePasswordMutation; variables: Types.ChangePasswordMutationVariables };
  CreateEquipmentItem: { result: Types.CreateEquipmentItemMutation; variables: Types.CreateEquipmentItemMutationVariables };
  CreateSite: { result: Types.CreateSiteMutation; variables: Types.CreateSiteMutationVariables };
  Dashboard: { result: Types.DashboardQuery; variables: Types.DashboardQueryVariables };
  DashboardOrganizations: { result: Types.DashboardOrganizationsQuery; variables: Types.DashboardOrganizationsQueryVariables };
  DashboardProject: { result: Types.DashboardProjectQuery; variables: Types.DashboardProjectQueryVariables };
  IndicatorEvidence: { result: Types.IndicatorEvidenceQuery; variables: Types.IndicatorEvidenceQueryVariables };
  Login: { result: Types.LoginMutation; variables: Types.LoginMutationVariables };
  ManageProject: { result: Types.ManageProjectQuery; variables: Types.ManageProjectQueryVariables };
  ManageSites: { result: Types.ManageSitesQuery; variables: Types.ManageSitesQueryVariables };
  PreviewTargetTables: { result: Types.PreviewTargetTablesQuery; variables: Types.PreviewTargetTablesQueryVariables };
  PublicSurvey: { result: Types.PublicSurveyQuery; variables: Types.PublicSurveyQueryVariables };
  RecordActual: { result: Types.RecordActualMutation; variables: Types.RecordActualMutationVariables };
  RecordSpending: { result: Types.RecordSpendingMutation; variables: Types.RecordSpendingMutationVariables };
  ReferenceProjects: { result: Types.ReferenceProjectsQuery; variables: Types.ReferenceProjectsQueryVariables };
  SaveTargetTables: { result: Types.SaveTargetTablesMutation; variables: Types.SaveTargetTablesMutationVariables };
  SubmitInspection: { result: Types.SubmitInspectionMutation; variables: Types.SubmitInspectionMutationVariables };
  SubmitInspections: { result: Types.SubmitInspectionsMutation; variables: Types.SubmitInspectionsMutationVariables };
  SubmitSurveyResponse: { result: Types.SubmitSurveyResponseMutation; variables: Types.SubmitSurveyResponseMutationVariables };
  SubmitSurveyResponses: { result: Types.SubmitSurveyResponsesMutation; variables: Types.SubmitSurveyResponsesMutationVariables };
  UpdateEquipmentItem: { result: Types.UpdateEquipmentItemMutation; variables: Types.UpdateEquipmentItemMutationVariables };
  UpdateProjectSettings: { result: Types.UpdateProjectSettingsMutation; variables: Types.UpdateProjectSettingsMutationVariables };
  UpdateSite: { result: Types.UpdateSiteMutation; variables: Types.UpdateSiteMutationVariables };
}
