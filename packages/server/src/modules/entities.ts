import { Actual } from './actual/actual.entity.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { Indicator } from './indicator/indicator.entity.js';
import { Organization } from './organization/organization.entity.js';
import { Project } from './project/project.entity.js';
import { Site } from './site/site.entity.js';
import { Spending } from './spending/spending.entity.js';
import { User } from './user/user.entity.js';
import { EquipmentItem } from './equipment/equipment-item.entity.js';
import { Inspection } from './inspection/inspection.entity.js';
import { Survey, SurveyCode, SurveyRateLimit, SurveyResponse } from './survey/survey.entity.js';
import { Upload } from './upload/upload.entity.js';
import { UploadHolder } from './upload/upload-holder.entity.js';
import { LoginThrottle } from './auth/login-throttle.entity.js';
import { InspectionPlaceTallyRow, InspectionTallyRow } from './evidence/inspection-tally.entity.js';
import { IndicatorScorecard, OrganizationScorecard, ProjectScorecard } from './read-model/scorecard.entity.js';

/** Every entity, listed rather than discovered from folders: the same list works from src and dist. */
export const entities = [
  Organization,
  Site,
  User,
  Project,
  Indicator,
  Actual,
  Spending,
  AuditEvent,
  EquipmentItem,
  Upload,
  UploadHolder,
  Inspection,
  Survey,
  SurveyCode,
  SurveyRateLimit,
  SurveyResponse,
  LoginThrottle,
  InspectionTallyRow,
  InspectionPlaceTallyRow,
  ProjectScorecard,
  IndicatorScorecard,
  OrganizationScorecard,
];

export {
  Actual,
  AuditEvent,
  EquipmentItem,
  Indicator,
  IndicatorScorecard,
  Inspection,
  Organization,
  OrganizationScorecard,
  Project,
  ProjectScorecard,
  Site,
  Spending,
  Survey,
  SurveyCode,
  SurveyRateLimit,
  SurveyResponse,
  Upload,
  UploadHolder,
  User,
};
export { InspectionKind, ReviewStatus } from './inspection/inspection.entity.js';
export { QuestionKind, ResponseChannel, SurveyAudience } from './survey/survey.entity.js';
export { SiteKind } from './site/site.entity.js';
export { UserRole } from './user/user.entity.js';
export { IndicatorSource } from './indicator/indicator.entity.js';
export { ProjectKind, type Budget } from './project/project.entity.js';
export { ActualSource } from './actual/actual.entity.js';
