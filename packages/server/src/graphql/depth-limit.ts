import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** How deep and how big an operation is once its fragments are spread. */
export interface OperationShape {
  /** Deepest nesting of fields (a top-level field is depth 1). */
  depth: number;
  /** Fields the operation selects with every fragment spread where it is named (saturates at `cap`). */
  fields: number;
}

/**
 * Measures each operation of `document` with fragments expanded, visiting each fragment once:
 * a fragment's depth and size are worked out the first time it is spread and reused after, so a
 * chain of fragments that each spread the next twice costs its length, not 2^length. Sizes stop
 * growing at `cap` so that they stay exact integers. Fragment cycles count once (NoFragmentCycles
 * reports them).
 *
 * @example measureOperations(parse('{ a { b } }')) // [{ depth: 2, fields: 2 }]
 */
export function measureOperations(document: DocumentNode, cap = 1_000_000): OperationShape[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const known = new Map<string, OperationShape>();
  const inProgress = new Set<string>();

  const fragmentShape = (name: string): OperationShape => {
    const cached = known.get(name);
    if (cached) return cached;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return { depth: 0, fields: 0 };
    inProgress.add(name);
    const shape = selectionShape(fragment.selectionSet);
    inProgress.delete(name);
    known.set(name, shape);
    return shape;
  };

  // Depth below the selection set's owner: a field inside it is 1 deeper.
  function selectionShape(selectionSet: SelectionSetNode): OperationShape {
    let depth = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let shape: OperationShape;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? selectionShape(selection.selectionSet) : { depth: 0, fields: 0 };
        shape = { depth: below.depth + 1, fields: below.fields + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        shape = selectionShape(selection.selectionSet);
      } else {
        shape = fragmentShape(selection.name.value);
      }
      depth = Math.max(depth, shape.depth);
      fields = Math.min(cap, fields + shape.fields);
    }
    return { depth, fields };
  }

  return document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [selectionShape(definition.selectionSet)] : []));
}

/** The refusal of an operation nested deeper than `maxDepth`. */
export function tooDeepError(maxDepth: number, depth: number): GraphQLError {
  return new GraphQLError(`查询嵌套过深：最多 ${maxDepth} 层，此查询为 ${depth} 层`, {
    extensions: { code: 'QUERY_TOO_DEEP', maximum: maxDepth, http: { status: 400 } },
  });
}

/**
 * A validation rule refusing operations nested deeper than `maxDepth` fields (fragments are
 * followed, each once; introspection's own fields count like any other). The HTTP endpoint checks
 * depth before parsing is over (document-limits.ts); this rule holds for every other way in.
 */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const depth = Math.max(0, ...measureOperations(context.getDocument()).map((shape) => shape.depth));
    if (depth > maxDepth) context.reportError(tooDeepError(maxDepth, depth));
    return {};
  };
}
