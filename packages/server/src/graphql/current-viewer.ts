import { createParameterDecorator } from 'type-graphql';
import { requireViewer, type Context } from './context.js';

/**
 * The signed-in viewer (user and visible organizations) as a resolver parameter; refuses the
 * operation as unauthenticated without one, as @Authorized() does.
 *
 * @example async sites(@Ctx() context: Context, @CurrentViewer() viewer: Viewer) { … }
 */
export function CurrentViewer(): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator<Context>(({ context }) => requireViewer(context));
}
