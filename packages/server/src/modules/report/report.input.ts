import { ArgsType, Field, ID, Int } from 'type-graphql';
import { ValidationError } from '../common/errors.js';
import type { ReportRequest } from './report.service.js';

/** What a self-evaluation report covers: one project, or an organization's projects of a year. */
@ArgsType()
export class ReportSelectionArgs {
  @Field(() => ID, { nullable: true, description: '项目 id（与 orgCode 二选一）' })
  projectId?: string | null;

  @Field(() => String, { nullable: true, description: '单位编码（与 projectId 二选一，须同时给出 year）' })
  orgCode?: string | null;

  @Field(() => Int, { nullable: true, description: '预算年度：按单位时必填；按项目时可省略' })
  year?: number | null;

  /** Exactly one of projectId and orgCode; year with orgCode. */
  toRequest(): ReportRequest {
    const { projectId, orgCode, year } = this;
    if ((projectId == null) === (orgCode == null)) throw new ValidationError('projectId', '请给出 projectId 或 orgCode 之一（不能都给，也不能都不给）');
    if (orgCode != null && year == null) throw new ValidationError('year', '按单位导出时须给出 year');
    return projectId != null ? { projectId, year: year ?? undefined } : { orgCode: orgCode!, year: year! };
  }
}
