import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AuthService, Viewer } from '../modules/auth/auth.service.js';
import { UnauthenticatedError } from '../modules/common/errors.js';
import type { Loaders } from './loaders.js';

/** One per request: a forked EntityManager, the signed-in viewer and the batch loaders. */
export interface Context {
  em: SqlEntityManager;
  viewer: Viewer | null;
  loaders: Loaders;
  auth: AuthService;
  /** Why the bearer token was refused, if it was: reported when the operation needs a viewer. */
  authError: Error | null;
  /** The client's address, for the login rate limit. */
  address: string;
  /** The server's secret, for the public surveys' device tokens. */
  secret: string;
  /** The request's logger (a batch logs an unexpected error of one record and goes on). */
  log: { error(object: unknown, message: string): void };
}

export function requireViewer(context: Context): Viewer {
  if (context.authError) throw context.authError;
  if (!context.viewer) throw new UnauthenticatedError();
  return context.viewer;
}
