/**
 * A small GraphQL client over fetch: one function taking a typed document (./queries.ts), errors
 * mapped to a class the UI and the sync engine can act on (UNAUTHENTICATED → log in again,
 * CONFLICT → show the message, …).
 */
import type { TypedDocumentString } from './generated/graphql';

export interface GraphqlErrorBody {
  message: string;
  extensions?: { code?: string; field?: string; hashes?: string[]; [key: string]: unknown };
}

/** An error answered by the server (it was reached) or a network failure (it was not). */
export class ApiError extends Error {
  constructor(
    message: string,
    /** GraphQL error code (UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, CONFLICT, MISSING_UPLOAD …), or NETWORK / HTTP_<status>. */
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
    /** HTTP status, or 0 when no response arrived. */
    readonly status = 0,
  ) {
    super(message);
  }

  /** Worth retrying later: the server was not reached or failed on its side. */
  get transient(): boolean {
    return this.code === 'NETWORK' || this.status >= 500 || this.status === 429;
  }
}

/** The variables a document takes: none for an operation without variables. */
export type VariablesArgument<TVariables> = TVariables extends Record<string, never> ? [variables?: TVariables] : [variables: TVariables];

export interface ClientOptions {
  /** Base URL of the server; '' for the same origin. */
  baseUrl?: string;
  getToken?: () => string | null;
  fetch?: typeof fetch;
}

export function createGraphqlClient(options: ClientOptions = {}) {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: VariablesArgument<TVariables>
  ): Promise<TResult> {
    const token = options.getToken?.();
    let response: Response;
    try {
      response = await doFetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      });
    } catch (error) {
      throw new ApiError(`无法连接服务器：${(error as Error).message}`, 'NETWORK');
    }
    let body: { data?: TResult | null; errors?: GraphqlErrorBody[] };
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`服务器返回了无法识别的内容（HTTP ${response.status}）`, `HTTP_${response.status}`, {}, response.status);
    }
    const first = body.errors?.[0];
    if (first) {
      const { code = `HTTP_${response.status}`, ...rest } = first.extensions ?? {};
      throw new ApiError(first.message, code, rest, response.status);
    }
    if (!response.ok || body.data == null) {
      throw new ApiError(`服务器出错（HTTP ${response.status}）`, `HTTP_${response.status}`, {}, response.status);
    }
    return body.data;
  }

  return { request };
}

export type GraphqlClient = ReturnType<typeof createGraphqlClient>;
