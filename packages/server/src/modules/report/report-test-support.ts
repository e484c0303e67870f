import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { TestApi } from '../../test/api.js';

/** Helpers shared by the report tests (not part of the server). */

export interface DownloadLink {
  url: string;
  filename: string;
  expiresAt: string;
}

/** Follows a download link as a browser would: no bearer token. */
export async function follow(api: TestApi, url: string) {
  const response = await api.app.server.inject({ method: 'GET', url });
  return { status: response.statusCode, headers: response.headers, body: response.rawPayload, json: () => JSON.parse(response.body) as { error: { code: string; message: string } } };
}

/** Asks for a link, follows it and opens the workbook; fails the test when either step does. */
export async function downloadWorkbook(api: TestApi, query: string, variables: Record<string, unknown>, token: string): Promise<{ link: DownloadLink; workbook: ExcelJS.Workbook; bytes: Buffer }> {
  const result = await api.gql<Record<string, DownloadLink>>(query, variables, token);
  expect(result.errors).toBeUndefined();
  const link = Object.values(result.data!)[0];
  const response = await follow(api, link.url);
  expect(response.status).toBe(200);
  return { link, workbook: await openWorkbook(response.body), bytes: response.body };
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

export function mergesOf(sheet: ExcelJS.Worksheet): string[] {
  return sheet.model.merges.map((range) => range.replace(/^.*!/, ''));
}
