import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ALL_INDICATOR_CARD_COLUMNS, type IndicatorCardColumn } from '../read-model/scorecards.js';

/**
 * The columns of an indicator card (read-model/scorecards.ts) that each field of the GraphQL
 * `Indicator` type is made from (see IndicatorType.from); a field with sub-fields lists them by
 * sub-field. The id, the project and whether there is a stored score are always read.
 */
const FIELD_COLUMNS: Record<string, readonly IndicatorCardColumn[] | Record<string, readonly IndicatorCardColumn[]>> = {
  __typename: [],
  id: [],
  level1: ['level1'],
  level2: ['level2'],
  name: ['name'],
  description: ['description'],
  target: {
    __typename: [],
    raw: ['target_raw'],
    kind: ['target_kind'],
    comparator: ['comparator'],
    value: ['target_kind', 'target_value'],
    max: ['target_max'],
    unit: ['unit'],
    deadline: ['target_kind', 'target_value'],
    rule: ['zero_below'],
    start: ['target_start'],
    note: ['target_note'],
    tolerance: ['tolerance'],
  },
  source: ['source'],
  customWeight: ['weight'],
  notApplicable: ['not_applicable'],
  deviationNote: ['deviation_note'],
  weight: ['s_weight'],
  actual: {
    __typename: [],
    value: ['a_value'],
    tier: ['a_tier'],
    ratio: ['a_ratio'],
    note: ['a_note'],
    recordedAt: ['a_recorded_at'],
    recordedBy: ['a_username'],
    recordedByName: ['a_username', 'a_display_name'],
    source: ['a_source'],
    // ActualResolver.history reads the indicator's id only.
    history: [],
  },
  progress: {
    __typename: [],
    completionRate: ['s_completion_rate'],
    score: ['s_score'],
    met: ['s_met'],
    deviationNoteRequired: ['s_deviation_note_required'],
  },
  // IndicatorResolver.evidence reads the current actual's derivation and time.
  evidence: ['a_id', 'a_derived_from', 'a_recorded_at'],
};

/** Fragments as a selection refers to them: those it used, to tell that another request's are the same. */
interface Fragments {
  all: Record<string, FragmentDefinitionNode>;
  used: Map<string, FragmentDefinitionNode | undefined>;
}

/** The fields selected in a selection set, fragments spread (whatever their directives: more is harmless). */
function selectedFields(selectionSet: SelectionSetNode | undefined, fragments: Fragments, into: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) selectedFields(selection.selectionSet, fragments, into);
    else {
      const fragment = fragments.all[selection.name.value];
      fragments.used.set(selection.name.value, fragment);
      selectedFields(fragment?.selectionSet, fragments, into);
    }
  }
  return into;
}

/** The columns for one `indicators` field node, or null when it selects a field this module does not know (then every column is read). */
function columnsOf(node: FieldNode, fragments: Fragments): Set<IndicatorCardColumn> | null {
  const columns = new Set<IndicatorCardColumn>();
  for (const field of selectedFields(node.selectionSet, fragments)) {
    const spec = FIELD_COLUMNS[field.name.value];
    if (spec === undefined) return null;
    if (Array.isArray(spec)) {
      for (const column of spec) columns.add(column);
      continue;
    }
    for (const sub of selectedFields(field.selectionSet, fragments)) {
      const subColumns = (spec as Record<string, readonly IndicatorCardColumn[]>)[sub.name.value];
      if (subColumns === undefined) return null;
      for (const column of subColumns) columns.add(column);
    }
  }
  return columns;
}

/**
 * Per field node of a document: Apollo hands the same parsed document (the same nodes) to every
 * request with the same text. Kept with the fragment definitions it used, which a request of
 * another document with this node could not share.
 */
const byNode = new WeakMap<FieldNode, { used: Map<string, FragmentDefinitionNode | undefined>; columns: Set<IndicatorCardColumn> | null }>();

/**
 * The indicator card columns that an `indicators` field's selection reads (all of them for a
 * selection this module does not know), in a stable order: the key of the loader that reads them.
 */
export function indicatorColumnsFor(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): readonly IndicatorCardColumn[] {
  const all = new Set<IndicatorCardColumn>();
  for (const node of info.fieldNodes) {
    let known = byNode.get(node);
    if (!known || [...known.used].some(([name, fragment]) => info.fragments[name] !== fragment)) {
      const fragments: Fragments = { all: info.fragments, used: new Map() };
      known = { used: fragments.used, columns: columnsOf(node, fragments) };
      byNode.set(node, known);
    }
    if (known.columns === null) return ALL_INDICATOR_CARD_COLUMNS;
    for (const column of known.columns) all.add(column);
  }
  return [...all].sort();
}
