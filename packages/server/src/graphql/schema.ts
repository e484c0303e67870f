import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, getMetadataStorage, type AuthChecker } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { EquipmentItemResolver } from '../modules/equipment/equipment-item.resolver.js';
import { ForbiddenError } from '../modules/common/errors.js';
import { ActualResolver, IndicatorResolver } from '../modules/indicator/indicator.resolver.js';
import { InspectionResolver } from '../modules/inspection/inspection.resolver.js';
import { SiteResolver } from '../modules/site/site.resolver.js';
import { SpendingResolver } from '../modules/spending/spending.resolver.js';
import { OrganizationResolver } from '../modules/organization/organization.resolver.js';
import { ProjectResolver } from '../modules/project/project.resolver.js';
import { TargetImportResolver } from '../modules/target-import/target-import.resolver.js';
import { ReportResolver } from '../modules/report/report.resolver.js';
import { SurveyResolver } from '../modules/survey/survey.resolver.js';
import { UserResolver } from '../modules/user/user.resolver.js';
import { requireViewer, type Context } from './context.js';
import { checkDeadlines } from './time-limit.js';

/** @Authorized() needs a signed-in user; @Authorized(roles) one of those roles. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const viewer = requireViewer(context);
  if (roles.length > 0 && !roles.includes(viewer.user.role)) throw new ForbiddenError('当前角色无权执行此操作');
  return true;
};

let built: Promise<GraphQLSchema> | null = null;

/**
 * TypeScript applies a method's parameter decorators last parameter first, and type-graphql lists
 * a field's arguments in the order its decorators ran: `login(username, password)` would come out
 * as `login(password, username)`. This puts each method's parameters back in their order (an
 * @ArgsType class's fields already are).
 */
function argumentsInDeclarationOrder(): void {
  const params = getMetadataStorage().params;
  const positions = new Map<object, Map<string, number[]>>();
  params.forEach((param, at) => {
    let byMethod = positions.get(param.target);
    if (!byMethod) positions.set(param.target, (byMethod = new Map()));
    byMethod.set(param.methodName, [...(byMethod.get(param.methodName) ?? []), at]);
  });
  for (const byMethod of positions.values()) {
    for (const at of byMethod.values()) {
      const ordered = at.map((position) => params[position]).sort((a, b) => a.index - b.index);
      at.forEach((position, k) => (params[position] = ordered[k]));
    }
  }
}

async function describedSchema(): Promise<GraphQLSchema> {
  argumentsInDeclarationOrder();
  const schema = await buildSchema({
    resolvers: [
      AuthResolver,
      ProjectResolver,
      TargetImportResolver,
      IndicatorResolver,
      ActualResolver,
      OrganizationResolver,
      InspectionResolver,
      SiteResolver,
      EquipmentItemResolver,
      SurveyResolver,
      ReportResolver,
      SpendingResolver,
      UserResolver,
    ],
    authChecker,
    validate: false,
  });
  checkDeadlines(schema);
  // type-graphql has no option for these two descriptions.
  schema.getQueryType()!.description =
    '查询：除 publicSurvey（公开问卷）外都需要登录（先用 login 取得令牌，放在请求头 Authorization: Bearer <token>），只能看到本人所属单位及下级单位的数据';
  schema.getMutationType()!.description =
    '修改：导入、录入和设定需 ADMIN 或 MANAGER 角色，现场验收和问卷采集也可由 INSPECTOR 提交，用户和单位管理仅限 ADMIN（本人所属单位及下级单位之内），修改本人密码任何登录用户都可以，公开问卷作答无需登录；输入有误时报 BAD_USER_INPUT 并指明字段，不作任何修改';
  return schema;
}

/** The GraphQL schema, built once per process (type-graphql keeps global metadata). */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  built ??= describedSchema();
  return built;
}
