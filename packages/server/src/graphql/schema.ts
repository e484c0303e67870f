import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker } from 'type-graphql';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { ForbiddenError } from '../modules/common/errors.js';
import { IndicatorResolver } from '../modules/indicator/indicator.resolver.js';
import { OrganizationResolver } from '../modules/organization/organization.resolver.js';
import { ProjectResolver } from '../modules/project/project.resolver.js';
import { requireViewer, type Context } from './context.js';

/** @Authorized() needs a signed-in user; @Authorized(roles) one of those roles. */
const authChecker: AuthChecker<Context> = ({ context }, roles) => {
  const viewer = requireViewer(context);
  if (roles.length > 0 && !roles.includes(viewer.user.role)) throw new ForbiddenError('当前角色无权执行此操作');
  return true;
};

let built: Promise<GraphQLSchema> | null = null;

/** The GraphQL schema, built once per process (type-graphql keeps global metadata). */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [AuthResolver, ProjectResolver, IndicatorResolver, OrganizationResolver],
    authChecker,
    validate: false,
  });
  return built;
}
