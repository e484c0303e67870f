/** GraphQL over HTTP as a client sends it, with the typed documents of ./documents.ts or a suite's own. */
import type { TypedDocumentString } from './generated/graphql.js';

export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** One request to `${base}/graphql`; the answer as it came, errors included. */
export async function gql<TResult, TVariables>(
  base: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<GraphqlAnswer<TResult>> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  return (await response.json()) as GraphqlAnswer<TResult>;
}

/** The data of a GraphQL answer; its errors fail the test. */
export async function gqlData<TResult, TVariables>(
  base: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<TResult> {
  const answer = await gql(base, document, variables, token);
  if (answer.errors || !answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}
