import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { InvalidInputError } from '@jixiao/domain';
import { AppError } from '../modules/common/errors.js';

interface Log {
  error(object: unknown, message: string): void;
}

/**
 * Maps errors to GraphQL error codes in one place. Our own errors keep their message and code;
 * anything unexpected is logged and, in production, reported without details.
 */
export function createFormatError(production: boolean, log: Log) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return { ...formatted, message: original.message, extensions: { code: original.code, ...original.extensions } };
    }
    if (original instanceof InvalidInputError) {
      return { ...formatted, message: original.message, extensions: { code: 'BAD_USER_INPUT', field: original.field } };
    }
    // Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; ours (QUERY_TOO_DEEP) say more.
    const validation = error instanceof GraphQLError ? error.originalError : undefined;
    if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && validation instanceof GraphQLError && typeof validation.extensions.code === 'string') {
      return { ...formatted, extensions: { ...formatted.extensions, code: validation.extensions.code } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
    log.error({ err: original }, 'unexpected error in a GraphQL operation');
    if (!production) return formatted;
    return { message: '服务器内部错误，请稍后再试', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
