import { GraphQLError, Kind, Lexer, parse, Source, TokenKind, visit, type DocumentNode } from 'graphql';
import { measureOperations, tooDeepError } from './depth-limit.js';

/**
 * What one GraphQL document may contain. Every check is linear in the document; together they
 * bound the work of validation (graphql-js's overlapping-fields check is quadratic in the fields of
 * a selection), of the cost analysis and of execution.
 */
export interface DocumentLimits {
  /** Lexical tokens (names, punctuation, values): counted before parsing, stops at the limit. */
  maxTokens: number;
  /** Fields written in the document (validation compares them pairwise). */
  maxFields: number;
  /** Fields once fragments are spread (what execution would resolve). */
  maxExpandedFields: number;
  /** Aliased fields (`a: surveyResults(…)`). */
  maxAliases: number;
  /** Directives (`@include`, `@skip`, …). */
  maxDirectives: number;
  /** Deepest nesting of fields. */
  maxDepth: number;
  /** Highest estimated cost (graphql/complexity.ts). */
  maxComplexity: number;
}

/**
 * Limits for requests without a valid bearer token: login, the public survey page and its answer.
 * The web app's anonymous operations are under 60 tokens, 20 fields and depth 4.
 */
export const ANONYMOUS_LIMITS: DocumentLimits = {
  maxTokens: 1_000,
  maxFields: 200,
  maxExpandedFields: 500,
  maxAliases: 10,
  maxDirectives: 10,
  maxDepth: 6,
  maxComplexity: 1_000,
};

/**
 * Limits for signed-in users. The web app's largest operation (a page of 50 projects with their
 * indicators, equipment and surveys) is about 190 tokens and 80 fields, without aliases. 2,000
 * fields keep the overlapping-fields check under about 0.1 s.
 */
export const SIGNED_IN_LIMITS: DocumentLimits = {
  maxTokens: 10_000,
  maxFields: 2_000,
  maxExpandedFields: 10_000,
  maxAliases: 100,
  maxDirectives: 50,
  maxDepth: 10,
  maxComplexity: 50_000,
};

/** Brackets allowed per level of field depth before parsing (selection, arguments, input values). */
const MAX_NESTING_PER_LEVEL = 4;

function refusal(message: string, code: string, maximum: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, maximum, http: { status: 400 } } });
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Counts tokens up to `max` + 1 and the deepest bracket nesting (the parser recurses once per
 * level, so a deep document must be refused before it is parsed); null when the text does not lex
 * (the parser then reports that).
 */
function scanTokens(source: string, max: number): { tokens: number; nesting: number } | null {
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  let open = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > max) break;
      if (OPENING.has(token.kind)) nesting = Math.max(nesting, ++open);
      else if (CLOSING.has(token.kind)) open -= 1;
    }
  } catch {
    return null;
  }
  return { tokens, nesting };
}

/**
 * Checks a GraphQL document's text against `limits` before it is validated, and returns the
 * refusal (a GraphQLError with a code and HTTP status 400), or null when it is within them.
 * Text that does not parse returns null too: Apollo then answers with its syntax error.
 *
 * @example checkDocument('{ a: __typename b: __typename }', { ...ANONYMOUS_LIMITS, maxAliases: 1 })?.extensions.code // 'QUERY_TOO_MANY_ALIASES'
 */
export function checkDocument(source: string, limits: DocumentLimits): GraphQLError | null {
  if (source.length > MAX_REMEMBERED_LENGTH) return check(source, limits);
  const key = `${limits.maxTokens},${limits.maxFields},${limits.maxExpandedFields},${limits.maxAliases},${limits.maxDirectives},${limits.maxDepth}\n${source}`;
  if (accepted.has(key)) return null;
  const refused = check(source, limits);
  if (refused === null) {
    if (accepted.size >= MAX_REMEMBERED) accepted.clear();
    accepted.add(key);
  }
  return refused;
}

/**
 * Documents found within their limits, by the limits and the text: a client sends the same few
 * operations again and again, and lexing, parsing and walking the dashboard's on every request
 * cost a tenth of answering it. Refusals are not kept (each answer is a new error).
 */
const accepted = new Set<string>();
const MAX_REMEMBERED = 500;
/** Longer texts are checked every time (the web app's largest operation is under 2,000 characters). */
const MAX_REMEMBERED_LENGTH = 16_384;

function check(source: string, limits: DocumentLimits): GraphQLError | null {
  const scan = scanTokens(source, limits.maxTokens);
  if (scan === null) return null;
  if (scan.tokens > limits.maxTokens) {
    return refusal(`查询过大：最多 ${limits.maxTokens} 个词法单元，此查询超过此数；请拆成几次请求`, 'QUERY_TOO_LARGE', limits.maxTokens);
  }
  // A selection level is one brace; arguments, lists and input objects add a few more.
  if (scan.nesting > MAX_NESTING_PER_LEVEL * limits.maxDepth) return tooDeepError(limits.maxDepth, Math.ceil(scan.nesting / MAX_NESTING_PER_LEVEL));
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch {
    return null;
  }

  let fields = 0;
  let aliases = 0;
  let directives = 0;
  visit(document, {
    [Kind.FIELD](node) {
      fields += 1;
      if (node.alias) aliases += 1;
    },
    [Kind.DIRECTIVE]() {
      directives += 1;
    },
  });
  if (aliases > limits.maxAliases) {
    return refusal(`查询别名过多：最多 ${limits.maxAliases} 个，此查询有 ${aliases} 个`, 'QUERY_TOO_MANY_ALIASES', limits.maxAliases);
  }
  if (directives > limits.maxDirectives) {
    return refusal(`查询指令过多：最多 ${limits.maxDirectives} 个，此查询有 ${directives} 个`, 'QUERY_TOO_MANY_DIRECTIVES', limits.maxDirectives);
  }
  if (fields > limits.maxFields) {
    return refusal(`查询字段过多：最多 ${limits.maxFields} 个，此查询有 ${fields} 个`, 'QUERY_TOO_LARGE', limits.maxFields);
  }
  for (const shape of measureOperations(document, limits.maxExpandedFields + 1)) {
    if (shape.depth > limits.maxDepth) return tooDeepError(limits.maxDepth, shape.depth);
    if (shape.fields > limits.maxExpandedFields) {
      return refusal(`查询展开后字段过多：最多 ${limits.maxExpandedFields} 个（片段按引用次数计）`, 'QUERY_TOO_LARGE', limits.maxExpandedFields);
    }
  }
  return null;
}
