import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { ProjectType } from '../project/project.types.js';
import { loadSpendings, type SpendingView } from './spending.service.js';
import { SpendingType } from './spending.types.js';

/** PostgreSQL takes at most 65,535 parameters a statement: batches stay well below. */
const MAX_BATCH = 1000;

/**
 * One loader per request, kept beside the request's context rather than in graphql/loaders.ts: a
 * page of 100 projects asking for their spending costs one statement.
 */
const loaders = new WeakMap<Context, DataLoader<string, SpendingView[]>>();

function spendingLoader(context: Context): DataLoader<string, SpendingView[]> {
  let loader = loaders.get(context);
  if (!loader) {
    loader = new DataLoader((ids) => loadSpendings(context.em, ids), { maxBatchSize: MAX_BATCH });
    loaders.set(context, loader);
  }
  return loader;
}

/** Project.spendings: the records behind `spent`, for budget execution over the year. */
@Resolver(() => ProjectType)
export class SpendingResolver {
  @FieldResolver(() => [SpendingType], {
    description: '项目的支出记录，按支出日期（同日按录入时间）排列；金额合计即 spent',
    // A project records a few dozen payments a year.
    complexity: ({ childComplexity }) => 1 + childComplexity * 20,
  })
  async spendings(@Root() project: ProjectType, @Ctx() context: Context): Promise<SpendingType[]> {
    const rows = await spendingLoader(context).load(project.id);
    return rows.map(({ id, date, amount, note, recordedAt, recordedBy, recordedByName }) =>
      Object.assign(new SpendingType(), { id, date, amount, note, recordedAt, recordedBy, recordedByName }),
    );
  }
}
