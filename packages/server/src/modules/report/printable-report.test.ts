import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHeadOf } from '../audit/audit-chain.js';
import { describeEachApi, openTestApi, seedWorld, type TestApi } from '../../test/api.js';
import { DIALECTS, testPostgresUrl } from '../../test/databases.js';
import { EXPECTED, PLAN } from '../../test/evaluation-plan.js';
import { rgbPng } from '../../test/png.js';
import { Upload } from '../upload/upload.entity.js';
import { User } from '../user/user.entity.js';
import { cssString, escapeHtml } from './printable-report.js';
import { follow, htmlRows as rows, htmlText as textOf, openReport, projectsOf, REPAIR, withPlan } from './report-test-support.js';

const BY_PROJECT = `query($id: ID!) { printableReport(projectId: $id) { url filename expiresAt } }`;
const BY_ORG = `query($org: String!, $year: Int!) { printableReport(orgCode: $org, year: $year) { url filename expiresAt } }`;

const MALICIOUS_NOTE = '汛期延后施工<script>alert("note")</script>';

/** The project sections of a page, in order. */
function sections(html: string): string[] {
  return html.split('<section class="project"').slice(1);
}

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('printable report text', () => {
  it.each([
    ['plain Chinese stays as it is', '派出法庭 2023', '"派出法庭 2023"'],
    ['a quote cannot end the string', 'a"b', '"a\\22 b"'],
    ['a backslash cannot escape the closing quote', 'x\\', '"x\\5c "'],
    ['nothing can close the style element', '</style><script>', '"\\3c \\2f style\\3e \\3c script\\3e "'],
    ['a line break stays inside the string', 'a\nb', '"a\\a b"'],
  ])('cssString: %s', (_name, input, expected) => {
    expect(cssString(input)).toBe(expected);
  });

  it.each([
    ['markup', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['attribute quotes', `" onload='x'`, '&quot; onload=&#39;x&#39;'],
    ['ampersands first', '&lt;', '&amp;lt;'],
  ])('escapeHtml: %s', (_name, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describeEachApi(
  'printable report (打印版自评报告)',
  (getApi) => {
    it("shows one project's self-evaluation with the domain's scores, styled for A4 landscape", async () => {
      const api = getApi();
      const token = await api.login('manager');
      const repair = (await projectsOf(api, token)).find((p) => p.name === REPAIR)!;
      const { link, headers, html } = await openReport(api, BY_PROJECT, { id: repair.id }, token);
      expect(link.filename).toBe('2023年度项目支出绩效自评报告-派出法庭安全隐患维修项目.html');
      expect(link.url).toMatch(/^\/downloads\/jxd1\.[\w-]+\.[\w-]+$/);

      // Shown in the browser, not saved; never cached; only its own style and script may run.
      expect(headers['content-type']).toBe('text/html; charset=utf-8');
      expect(String(headers['content-disposition'])).toMatch(/^inline; filename="[\x20-\x7e]+\.html"; filename\*=UTF-8''/);
      expect(headers['cache-control']).toBe('private, no-store');
      expect(headers['referrer-policy']).toBe('no-referrer');
      const csp = String(headers['content-security-policy']);
      expect(csp).toMatch(
        /^default-src 'none'; style-src 'sha256-[\w+/=]+'; script-src 'sha256-[\w+/=]+'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
      );
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
      expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      expect(csp).toContain(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);

      // Print styling: A4 landscape, running header and page numbers, rows kept whole, Chinese fonts,
      // a 打印 button that does not print.
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
      expect(style).toContain('size: A4 landscape;');
      expect(style).toContain('@top-left { content: "218101 天津市武清区人民法院";');
      expect(style).toContain(`@top-center { content: "${REPAIR}";`);
      expect(style).toContain('@top-right { content: "2023年度 项目支出绩效自评";');
      expect(style).toContain('@bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";');
      expect(style).toContain('tr { break-inside: avoid; page-break-inside: avoid; }');
      expect(style).toContain("font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif;");
      expect(style).toContain('@media print {\n  body { background: #fff; }\n  .no-print { display: none !important; }');
      expect(html).toContain('<div class="toolbar no-print">\n  <button type="button" id="print">打印</button>');
      expect(script).toContain('window.print()');

      // The self-evaluation table, as in the workbook.
      expect(sections(html)).toHaveLength(1);
      expect(textOf(/<h1>(.*?)<\/h1>/.exec(html)![1])).toBe('项目支出绩效自评表');
      expect(html).toContain('<p class="subtitle">（2023年度）</p>');
      expect(html).toContain(`<tr><th>项目名称</th><td class="l" colspan="8">${REPAIR}</td></tr>`);
      expect(html).toContain('<td class="l" colspan="4">上级主管部门</td><th>实施单位</th><td class="l" colspan="3">天津市武清区人民法院</td>');
      // 项目资金（万元）: 30 budgeted, 28.5 spent → 95%, 9.5 of 10 points.
      expect(rows(html, 'funds-total')).toEqual([['年度资金总额', '30.00', '30.00', '28.50', '10.00', '95.00%', '9.50']]);
      expect(rows(html, 'funds-fiscal')).toEqual([['其中：财政资金', '30.00', '30.00', '28.50', '—', '95.00%', '—']]);
      expect(rows(html, 'funds-other')).toEqual([['其他资金', '0.00', '0.00', '0.00', '—', '', '—']]);
      expect(html).toContain('1.对建筑年代久远的派出法庭进行维修，杜绝安全隐患，保障干警生命安全，维护审判执行工作正常开展');
      expect(html).toContain('共7个绩效指标，3个达到年度指标值，4个未达到');

      const indicators = rows(html, 'indicator').map((cells) => cells.slice(-6));
      expect(indicators.map(([name]) => name)).toEqual(PLAN[REPAIR].actuals.map(([name]) => name));
      expect(indicators.map(([, target]) => target)).toEqual([
        '≥6个',
        '≥95%',
        '2023年10月前',
        '30万元',
        '充分解决安全隐患，保障房屋质量安全',
        '充分保障',
        '≥95目标值完成得满分，目标值完成率小于60%不得分，60%与100%之间指标得分=目标值完成率*指标分值',
      ]);
      expect(indicators.map(([, , actual]) => actual)).toEqual(['5个', '90%', '2023-09-26', '28.5万元', '达成', '部分达成', '92%']);
      expect(indicators.map(([, , , weight]) => weight)).toEqual(['12.50', '12.50', '12.50', '12.50', '15.00', '15.00', '10.00']);
      expect(indicators.map(([, , , , score]) => score)).toEqual(PLAN[REPAIR].actuals.map(([, , score]) => score!.toFixed(2)));
      // 一级指标 merged over its rows as on paper: 产出 ×4, 效益 ×2, 满意度 ×1.
      expect(html).toContain('<td class="c" rowspan="4">产出指标</td>');
      expect(html).toContain('<td class="c" rowspan="2">效益指标</td>');
      expect(rows(html, 'total score-total')).toEqual([['总分', '100.00', EXPECTED[REPAIR].score.toFixed(2), '']]);
      expect(rows(html, 'total grade-row')).toEqual([['评价等级', '优']]);

      // Under the table and in the page footer, the audit log's head as it was when the page was made.
      const head = (await auditHeadOf(api.db.em))!;
      expect(textOf(html)).toContain(
        `审计日志：生成本表时共 ${head.count} 条，末条哈希 ${head.hash}（核对：jixiao audit verify --expect ${head.count}:${head.hash}）`,
      );
      const footer = /@bottom-left \{ content: "([^"]*)";/.exec(html)![1];
      expect(footer.startsWith('生成于 ')).toBe(true);
      expect(footer.endsWith(cssString(`\u3000审计日志 ${head.count} 条 · ${head.hash.slice(0, 12)}`).slice(1, -1))).toBe(true);

      // User text is escaped: the deviation note's markup is text, and the page's only script is its own.
      expect(indicators[0][5]).toBe(MALICIOUS_NOTE);
      expect(html).toContain('汛期延后施工&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;');
      expect(count(html, '<script')).toBe(1);

      // The appendix lists the evidence-fed indicators; the plan entered every actual by hand.
      const appendix = html.slice(html.indexOf('<div class="sheet appendix'));
      expect(appendix).toContain('附件：证据照片');
      expect(textOf(appendix)).toContain('1. 维修法庭和办公室数量 实际完成值：5个（录入于');
      expect(textOf(appendix)).toContain('实际完成值为手工录入（manager），未附现场证据；来源设为“有合格维修验收的地点数（同一地点返工只计一次）”');
      expect(appendix).not.toContain('保证办公用房质量');
    });

    it("gives an organization's report a summary page, then each project on a new page with its own header", async () => {
      const api = getApi();
      const { link, html } = await openReport(api, BY_ORG, { org: '218101', year: 2023 }, await api.login('viewer'));
      expect(link.filename).toBe('2023年度项目支出绩效自评报告-218101天津市武清区人民法院.html');
      const names = Object.keys(PLAN);

      expect(html).toContain('<section class="summary" id="summary">');
      expect(rows(html, 'summary-row')).toEqual([
        ['1', names[0], '天津市武清区人民法院', '418.00', '400.00', '95.69%', '92.46', '优', '0'],
        ['2', names[1], '天津市武清区人民法院', '27.00', '27.50', '101.85%', '91.38', '优', '0'],
        ['3', names[2], '天津市武清区人民法院', '21.00', '20.80', '99.05%', '84.68', '良', '0'],
        ['4', names[3], '天津市武清区人民法院', '30.00', '28.50', '95.00%', '90.44', '优', '0'],
        ['5', names[4], '天津市武清区人民法院', '31.00', '0.00', '0.00%', '68.25', '中', '1'],
      ]);
      // Totals as organizationSummary reports them: 476.8 of 527 spent, average 85.44.
      expect(rows(html, 'total summary-total')).toEqual([['合计（总分为平均分）', '527.00', '476.80', '90.47%', '85.44', '', '1']]);

      const projects = sections(html);
      expect(projects).toHaveLength(5);
      projects.forEach((section, i) => {
        const expected = EXPECTED[names[i]];
        expect(section).toMatch(new RegExp(`^ id="project-${i + 1}" data-project="`));
        expect(rows(section, 'indicator').map((cells) => cells.at(-2))).toEqual(
          PLAN[names[i]].actuals.map(([, , score]) => (score === null ? '' : score.toFixed(2))),
        );
        expect(rows(section, 'total score-total')[0].slice(0, 3)).toEqual(['总分', '100.00', expected.score.toFixed(2)]);
        expect(rows(section, 'total grade-row')[0][1]).toBe(expected.grade);
        expect(rows(section, 'funds-total')[0][5]).toBe(`${(expected.executionRate! * 100).toFixed(2)}%`);
      });
      // 司法救助金: one indicator without an actual counts 0 and says so.
      expect(rows(projects[4], 'indicator')[6].slice(-6)).toEqual(['持续保障政法工作有效开展', '保障有效开展', '未填报', '10.00', '', '']);
      expect(rows(projects[4], 'total score-total')[0][3]).toBe('1个指标未填报实际完成值，按0分计');

      // A page break before every project, and a named page whose header names it.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      expect(style).toContain('.project, .summary + .project { break-before: page; page-break-before: always; }');
      expect(style).toContain('@top-center { content: "项目支出绩效自评汇总";');
      names.forEach((name, i) => {
        expect(style).toContain(`#project-${i + 1} { page: project-${i + 1}; }`);
        expect(style).toContain(
          `@page project-${i + 1} {\n  @top-left { content: "218101 天津市武清区人民法院"; }\n  @top-center { content: ${cssString(name)}; }`,
        );
      });
      // The summary links to each project.
      names.forEach((_, i) => expect(html).toContain(`<a href="#project-${i + 1}">`));
    });

    it("lets a parent organization's manager print its units' projects, under its own name", async () => {
      const api = getApi();
      const { html } = await openReport(api, BY_ORG, { org: '2181', year: 2023 }, await api.login('parent-manager'));
      expect(sections(html)).toHaveLength(5);
      expect(html).toContain('<span>单位：2181 上级主管部门</span>');
    });

    it('refuses field staff, other organizations, and requests that name neither or both', async () => {
      const api = getApi();
      const manager = await api.login('manager');
      const repair = (await projectsOf(api, manager)).find((p) => p.name === REPAIR)!;
      const codeOf = async (query: string, variables: Record<string, unknown>, token: string | null) =>
        (await api.gql(query, variables, token)).errors?.[0]?.extensions?.code;
      expect(await codeOf(BY_PROJECT, { id: repair.id }, await api.login('inspector'))).toBe('FORBIDDEN');
      expect(await codeOf(BY_PROJECT, { id: repair.id }, await api.login('other-manager'))).toBe('FORBIDDEN');
      expect(await codeOf(BY_ORG, { org: '218101', year: 2023 }, await api.login('other-manager'))).toBe('FORBIDDEN');
      expect(await codeOf(BY_ORG, { org: '218101', year: 2024 }, manager)).toBe('NOT_FOUND');
      expect(await codeOf(`{ printableReport(year: 2023) { url } }`, {}, manager)).toBe('BAD_USER_INPUT');
      expect(await codeOf(`query($id: ID!) { printableReport(projectId: $id, orgCode: "218101", year: 2023) { url } }`, { id: repair.id }, manager)).toBe(
        'BAD_USER_INPUT',
      );
      expect(await codeOf(`{ printableReport(orgCode: "218101") { url } }`, {}, manager)).toBe('BAD_USER_INPUT');
      expect(await codeOf(BY_PROJECT, { id: repair.id }, null)).toBe('UNAUTHENTICATED');
    });

    it('refuses an expired or tampered link (401) and a correctly signed one of another organization (403)', async () => {
      const api = getApi();
      const em = api.db.em.fork();
      const [manager, other] = [await em.findOneOrFail(User, { username: 'manager' }), await em.findOneOrFail(User, { username: 'other-manager' })];
      const params = { orgCode: '218101', year: 2023 };
      const [prefix, payload, signature] = api.app.auth.downloadToken(manager, 'printable-report', params).split('.');
      const otherOrg = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), params: { orgCode: '999999', year: 2023 } }),
      ).toString('base64url');
      for (const token of [
        api.app.auth.downloadToken(manager, 'printable-report', params, -1),
        `${prefix}.${otherOrg}.${signature}`,
        `${prefix}.${payload}.${signature.slice(0, -2)}xx`,
      ]) {
        const response = await follow(api, `/downloads/${token}`);
        expect(response.status, token).toBe(401);
        expect(response.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '下载链接无效或已过期，请重新生成' } });
      }
      const projectId = (await projectsOf(api, await api.login('manager')))[0].id;
      for (const foreign of [params, { projectId }]) {
        const response = await follow(api, `/downloads/${api.app.auth.downloadToken(other, 'printable-report', foreign)}`);
        expect(response.status).toBe(403);
        expect(response.json().error.code).toBe('FORBIDDEN');
      }
    });
  },
  withPlan(MALICIOUS_NOTE),
);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A camera JPEG taken in Tianjin at 10:30 Beijing time on 2024-05-01. */
async function cameraJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#3366cc' } })
    .withExif({
      IFD2: { DateTimeOriginal: '2024:05:01 10:30:00', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 22/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 2/1 1500/100' },
    })
    .jpeg()
    .toBuffer();
}

const SUBMIT = `mutation($input: SubmitInspectionInput!) { submitInspection(input: $input) { id } }`;

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgresql' && !testPostgresUrl)(`printable report photo appendix [${dialect}]`, () => {
    let api: TestApi;
    let uploadsDir: string;

    beforeAll(async () => {
      uploadsDir = await mkdtemp(join(tmpdir(), 'jixiao-report-uploads-'));
      api = await openTestApi(dialect, { uploadsDir });
      await seedWorld(api);
    });

    afterAll(async () => {
      await api?.db.close();
      if (uploadsDir) await rm(uploadsDir, { recursive: true, force: true });
    });

    it('embeds the thumbnails of the inspections each evidence-fed actual was derived from, with time, place, inspector and review', async () => {
      const [inspector, manager] = [await api.login('inspector'), await api.login('manager')];
      const projectId = (await projectsOf(api, manager)).find((p) => p.name === REPAIR)!.id;
      // The report names people by their 真实姓名; the manager has none and is shown by username.
      await api.db.em.fork().nativeUpdate(User, { username: 'inspector' }, { displayName: '王验收' });

      // A real photo through PUT /uploads, and one whose file has gone missing from the disk.
      const photo = await cameraJpeg();
      const photoHash = sha256(photo);
      const put = await api.app.server.inject({
        method: 'PUT',
        url: `/uploads/${photoHash}`,
        headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${inspector}` },
        payload: photo,
      });
      expect(put.statusCode).toBe(201);
      // The accepting person's signature, drawn on the phone and uploaded as a PNG like a photo.
      const signature = rgbPng(300, 100, (x) => (x % 50 < 4 ? [20, 20, 20] : [255, 255, 255]));
      const signatureHash = sha256(signature);
      const signed = await api.app.server.inject({
        method: 'PUT',
        url: `/uploads/${signatureHash}`,
        headers: { 'content-type': 'image/png', authorization: `Bearer ${inspector}` },
        payload: signature,
      });
      expect(signed.statusCode).toBe(201);
      const lostHash = sha256(Buffer.from('a photo whose file is lost'));
      const em = api.db.em.fork();
      em.create(Upload, {
        sha256: lostHash,
        uploadedBy: await em.findOneOrFail(User, { username: 'inspector' }),
        mime: 'image/jpeg',
        bytes: 1000,
        width: 1600,
        height: 1200,
      });
      await em.flush();

      const site = await api.gql<{ createSite: { id: string } }>(
        `mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`,
        { input: { orgCode: '218101', name: '大孟庄<b>法庭</b>', kind: 'DISPATCHED_TRIBUNAL' } },
        manager,
      );
      expect(site.errors).toBeUndefined();
      const submit = async (input: Record<string, unknown>) => {
        const result = await api.gql<{ submitInspection: { id: string } }>(
          SUBMIT,
          { input: { clientId: randomUUID(), projectId, kind: 'REPAIR', signature: signatureHash, ...input } },
          inspector,
        );
        expect(result.errors).toBeUndefined();
        return result.data!.submitInspection.id;
      };
      const first = await submit({
        itemName: '<script>alert("item")</script>屋面防水',
        siteId: site.data!.createSite.id,
        checklist: [
          { label: '屋面无渗漏', passed: true },
          { label: '排水通畅', passed: true },
        ],
        passed: true,
        photos: [photoHash],
        location: { lat: 39.38, lng: 117.04, accuracy: 12 },
        // What the phone read from the original: the photo's own EXIF (kept at upload) wins.
        photoCaptures: [{ sha256: photoHash, capturedAt: '2023-09-20T09:55:00+08:00', latitude: 39.1, longitude: 117.1 }],
        capturedAt: '2023-09-20T10:00:00+08:00',
      });
      // This photo's upload has no capture info of its own (the phone compressed it): the phone's reading is kept.
      const second = await submit({
        itemName: '东马圈法庭外墙',
        passed: true,
        photos: [lostHash],
        photoCaptures: [{ sha256: lostHash, capturedAt: '2023-09-25T15:20:00+08:00', latitude: 39.4012345, longitude: 117.0987654 }],
        capturedAt: '2023-09-25T15:30:00+08:00',
      });
      const third = await submit({
        itemName: '城关法庭门窗',
        passed: false,
        note: '窗框松动\n需返工',
        photos: [photoHash],
        capturedAt: '2023-09-22T09:00:00+08:00',
      });
      const review = await api.gql(`mutation($id: ID!) { reviewInspection(id: $id, accept: true) { id } }`, { id: first }, manager);
      expect(review.errors).toBeUndefined();

      const { html } = await openReport(api, BY_PROJECT, { id: projectId }, manager);
      const appendix = html.slice(html.indexOf('<div class="sheet appendix'));
      const text = textOf(appendix);

      // Derived actuals in the table: 2 accepted repairs, 2 of 3 passed, last on 2023-09-25.
      const actuals = rows(html, 'indicator').map((cells) => cells.slice(-6));
      expect(actuals.slice(0, 3).map(([name, , actual]) => [name, actual])).toEqual([
        ['维修法庭和办公室数量', '2个'],
        ['维修质量达标率', '66.67%'],
        ['工程完工时间节点', '2023-09-25'],
      ]);

      // Each indicator names its inspections; each inspection (and its photos) is shown once.
      expect(text).toContain('1. 维修法庭和办公室数量 实际完成值：2个（推算于');
      expect(text).toContain('依据：有合格维修验收的地点数（同一地点返工只计一次），共 2 条验收记录。');
      expect(text).toContain('依据：验收合格率（合格数 ÷ 验收数，已退回的不计），共 3 条验收记录；其中 证据 1、证据 2 见上文。');
      expect(text).toContain('依据：最后一次合格验收的日期，共 1 条验收记录；其中 证据 2 见上文。');
      for (const id of [first, second, third]) expect(count(appendix, `data-inspection="${id}"`)).toBe(1);
      expect(appendix.indexOf(`data-inspection="${first}"`)).toBeLessThan(appendix.indexOf(`data-inspection="${second}"`));

      // The real photo's thumbnail, from the upload store, embedded; the lost one a placeholder.
      const thumb = await readFile(join(uploadsDir, photoHash.slice(0, 2), `${photoHash}.thumb.jpg`));
      expect(appendix).toContain(`<img src="data:image/jpeg;base64,${thumb.toString('base64')}" alt="照片 1">`);
      // Shown with the first and the third inspection, and the signature (a JPEG thumbnail too) with
      // each of the three; nothing else is loaded from anywhere.
      const signatureThumb = await readFile(join(uploadsDir, signatureHash.slice(0, 2), `${signatureHash}.thumb.jpg`));
      expect(count(appendix, `<img src="data:image/jpeg;base64,${signatureThumb.toString('base64')}" alt="验收人签名">`)).toBe(3);
      expect(count(html, 'data:image/jpeg;base64,')).toBe(5);
      expect(count(html, 'src="http')).toBe(0);
      expect(appendix).toContain(`<div class="placeholder"><span>照片文件缺失</span><span class="hash">${lostHash.slice(0, 12)}…</span></div>`);

      // Time (China time), place (site and GPS), inspector and review of each inspection.
      const block = (id: string) => textOf(appendix.slice(appendix.indexOf(`data-inspection="${id}"`)).split('<div class="inspection"')[0]);
      expect(block(first)).toContain('证据 1维修验收<script>alert("item")</script>屋面防水合格已确认');
      expect(block(first)).toContain('现场记录时间2023-09-20 10:00');
      expect(block(first)).toContain('地点大孟庄<b>法庭</b>，北纬39.38000° 东经117.04000°（精度约 12 米）');
      expect(block(first)).toContain('验收人王验收');
      expect(block(first)).toMatch(/审核已确认（manager，\d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
      expect(block(first)).toContain('验收清单✓ 屋面无渗漏　✓ 排水通畅');
      // The photo's own EXIF: taken 2024-05-01 10:30 Beijing time in Tianjin.
      expect(block(first)).toContain('照片 1 · 拍摄于 2024-05-01 10:30\n北纬39.37500° 东经117.03750°');
      expect(block(second)).toContain('现场记录时间2023-09-25 15:30');
      expect(block(second)).toContain('照片 1 · 拍摄于 2023-09-25 15:20\n北纬39.40123° 东经117.09877°');
      expect(block(second)).toContain('地点未记录');
      expect(block(second)).toContain('审核待审核');
      expect(block(third)).toContain('不合格');
      expect(block(third)).toContain('说明窗框松动\n需返工');

      // Every piece of user text is escaped: the page's only script is its own.
      expect(appendix).toContain('&lt;script&gt;alert(&quot;item&quot;)&lt;/script&gt;屋面防水');
      expect(appendix).toContain('大孟庄&lt;b&gt;法庭&lt;/b&gt;');
      expect(count(html, '<script')).toBe(1);
      expect(count(html, '<b>')).toBe(0);
    });
  });
}
