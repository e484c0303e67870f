import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { seedWorld, type TestApi } from '../../test/api.js';
import { recordPlan } from '../../test/evaluation-plan.js';

/** Helpers shared by the report tests (not part of the server). */

export interface DownloadLink {
  url: string;
  filename: string;
  expiresAt: string;
}

/** Follows a download link as a browser would: no bearer token. */
export async function follow(api: TestApi, url: string) {
  const response = await api.app.server.inject({ method: 'GET', url });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.rawPayload,
    json: () => JSON.parse(response.body) as { error: { code: string; message: string } },
  };
}

/** Asks for a link, follows it and opens the workbook; fails the test when either step does. */
export async function downloadWorkbook(
  api: TestApi,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<{ link: DownloadLink; workbook: ExcelJS.Workbook; bytes: Buffer }> {
  const result = await api.gql<Record<string, DownloadLink>>(query, variables, token);
  expect(result.errors).toBeUndefined();
  const link = Object.values(result.data!)[0];
  const response = await follow(api, link.url);
  expect(response.status).toBe(200);
  return { link, workbook: await openWorkbook(response.body), bytes: response.body };
}

/** Asks for a printable report and opens it as a browser would; fails the test when either step does. */
export async function openReport(api: TestApi, query: string, variables: Record<string, unknown>, token: string) {
  const result = await api.gql<{ printableReport: DownloadLink }>(query, variables, token);
  expect(result.errors).toBeUndefined();
  const link = result.data!.printableReport;
  const response = await follow(api, link.url);
  expect(response.status).toBe(200);
  return { link, headers: response.headers, html: response.body.toString('utf8') };
}

export async function openWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** A column of a sheet from one row to another: its values. */
export function column(sheet: ExcelJS.Worksheet, letter: string, from: number, to: number): ExcelJS.CellValue[] {
  return Array.from({ length: to - from + 1 }, (_, i) => sheet.getCell(`${letter}${from + i}`).value);
}

// A few lines of HTML reading, enough for the pages the report module writes itself.
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text of an HTML fragment: tags dropped, entities decoded, <br> as a line break. */
export const htmlText = (fragment: string) =>
  fragment
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity])
    .trim();

/** The cells' text of every `<tr class="…">` of a kind. */
export function htmlRows(html: string, kind: string): string[][] {
  return [...html.matchAll(new RegExp(`<tr class="${kind}">([\\s\\S]*?)</tr>`, 'g'))].map((row) =>
    [...row[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => htmlText(cell[1])),
  );
}

export function mergesOf(sheet: ExcelJS.Worksheet): string[] {
  return sheet.model.merges.map((range) => range.replace(/^.*!/, ''));
}

export const REPAIR = '派出法庭安全隐患维修项目';

export type SeedProjects = Array<{ id: string; name: string; indicators: Array<{ id: string; name: string }> }>;

/** The seed unit's 2023 projects with their indicator ids, as a manager sees them. */
export async function projectsOf(api: TestApi, token: string): Promise<SeedProjects> {
  const query = `{ projects(orgCode: "218101", year: 2023) { nodes { id name indicators { id name } } } }`;
  return (await api.gql<{ projects: { nodes: SeedProjects } }>(query, {}, token)).data!.projects.nodes;
}

/** A setup: the seed world with every actual and all spending of the hand-worked PLAN, and `note` as the repair project's first deviation note. */
export function withPlan(note: string) {
  return async (api: TestApi): Promise<void> => {
    await seedWorld(api);
    const token = await api.login('manager');
    await recordPlan(api, token);
    const repair = (await projectsOf(api, token)).find((p) => p.name === REPAIR)!;
    const result = await api.gql(
      `mutation($id: ID!, $note: String) { setDeviationNote(indicatorId: $id, note: $note) { id } }`,
      { id: repair.indicators[0].id, note },
      token,
    );
    expect(result.errors).toBeUndefined();
  };
}
