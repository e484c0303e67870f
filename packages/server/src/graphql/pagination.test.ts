import { expect, it } from 'vitest';
import { describeEachApi, type TestApi } from '../test/api.js';

const PAGE = `query($first: Int, $after: String, $year: Int, $orgCode: String) {
  projects(first: $first, after: $after, year: $year, orgCode: $orgCode) {
    totalCount
    nodes { id name tableNumber orgCode }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  totalCount: number;
  nodes: Array<{ id: string; name: string; tableNumber: number | null; orgCode: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(api: TestApi, token: string, variables: Record<string, unknown>): Promise<Page> {
  const result = await api.gql<{ projects: Page }>(PAGE, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.projects;
}

/** Follows endCursor until hasNextPage is false; returns every page. */
async function walk(api: TestApi, token: string, first: number): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const next: Page = await page(api, token, { first, after });
    pages.push(next);
    after = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    expect(pages.length).toBeLessThanOrEqual(10);
  } while (after !== null);
  return pages;
}

/** The five seed tables, in table order. */
const SEED_ORDER = [
  '法院办案业务、业务装备及审判辅助事务外包服务等经费-2023中央',
  '法院办案业务费',
  '科技法庭试点提升项目-2023中央',
  '派出法庭安全隐患维修项目',
  '司法救助金-2023中央',
];

describeEachApi('projects pagination', (getApi) => {
  it('walks the court’s five projects two at a time, in table order', async () => {
    const api = getApi();
    const token = await api.login('viewer');
    const pages = await walk(api, token, 2);

    expect(pages.map((p) => p.nodes.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.totalCount)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    const nodes = pages.flatMap((p) => p.nodes);
    expect(new Set(nodes.map((node) => node.id)).size).toBe(5);
    expect(nodes.map((node) => node.name)).toEqual(SEED_ORDER);
    expect(nodes.map((node) => node.tableNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(nodes.every((node) => node.orgCode === '218101')).toBe(true);
    // The last page still has a cursor: there is nothing after it.
    const end = pages[2].pageInfo.endCursor;
    expect(end).toEqual(expect.any(String));
    expect(await page(api, token, { first: 2, after: end })).toEqual({ totalCount: 5, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('gives the same order on every walk and whatever the page size', async () => {
    const api = getApi();
    const token = await api.login('viewer');
    const ids = async (first: number) => (await walk(api, token, first)).flatMap((p) => p.nodes.map((node) => node.id));
    const byTwo = await ids(2);
    expect(await ids(2)).toEqual(byTwo);
    expect(await ids(1)).toEqual(byTwo);
    expect(await ids(3)).toEqual(byTwo);
    const one = await page(api, token, { first: 5 });
    expect(one.nodes.map((node) => node.id)).toEqual(byTwo);
    expect(one.pageInfo.hasNextPage).toBe(false);
  });

  it('defaults to 20 a page', async () => {
    const api = getApi();
    const all = await page(api, await api.login('viewer'), {});
    expect(all.nodes).toHaveLength(5);
    expect(all.pageInfo.hasNextPage).toBe(false);
  });

  it('counts and pages within the year and organization filters', async () => {
    const api = getApi();
    const token = await api.login('parent-manager');
    const court = await page(api, token, { first: 3, orgCode: '218101', year: 2023 });
    expect(court.totalCount).toBe(5);
    expect(court.pageInfo.hasNextPage).toBe(true);
    const rest = await page(api, token, { first: 3, after: court.pageInfo.endCursor, orgCode: '218101', year: 2023 });
    expect(rest.nodes.map((node) => node.name)).toEqual(SEED_ORDER.slice(3));
    expect(rest.pageInfo.hasNextPage).toBe(false);

    expect(await page(api, token, { year: 2022 })).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
    // An organization outside the viewer's scope is simply empty: nothing about it is revealed.
    expect((await page(api, token, { orgCode: '999999' })).totalCount).toBe(0);
    expect((await page(api, await api.login('viewer'), { orgCode: '2181' })).totalCount).toBe(0);
  });
});
