import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../App.vue';
import { ApiError } from '../graphql/client';
import type { PreviewTable } from '../graphql/queries';
import { createHarness, logIn, MANAGER, mountWith, PREVIEW_TABLE, settle, VIEWER, type HarnessOptions } from '../testing/harness';
import ImportPage from './ImportPage.vue';

const ORGANIZATIONS = { organizations: [{ code: '218101', name: '天津市武清区人民法院', parentCode: null }] };
const SAVED = {
  created: 1,
  updated: 0,
  projects: [{ id: 'p9', name: '诉讼服务中心智能化改造项目', orgName: '天津市武清区人民法院', year: 2023 }],
  warnings: [],
  errors: [],
};

const NEW_UNIT = {
  table: 1,
  line: null,
  cell: null,
  sheet: null,
  message: '表1：单位“218199 某某法庭”原不存在，已作为您的单位“218101 天津市武清区人民法院”的下级单位新建；如它另有上级单位，请联系系统管理员',
};

/** The preview's answer: the tables, and every warning once more at the top (as the server sends them). */
function previewOf(tables: PreviewTable[], warnings = tables.flatMap((table) => table.warnings)) {
  return { previewTargetTables: { source: '诉讼服务中心.docx', errors: [], warnings, tables } };
}

/** The unit input of the satisfaction row, by the name a screen reader says. */
const UNIT = 'input[aria-label="表1 第12行 当事人满意度评分 单位"]';

describe('ImportPage', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  async function open(api: NonNullable<HarnessOptions['api']>) {
    const harness = createHarness({ api: { DashboardOrganizations: () => ORGANIZATIONS, ...api } });
    await logIn(harness, MANAGER);
    await harness.router.push('/import');
    wrapper = mountWith(harness, ImportPage);
    await settle();
    return { harness, wrapper };
  }

  async function upload(w: NonNullable<typeof wrapper>, name = '诉讼服务中心.docx', bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff])) {
    const input = w.get('[data-testid="import-file"]');
    Object.defineProperty(input.element, 'files', { value: [new File([bytes], name)], configurable: true });
    await input.trigger('change');
    await w.get('[data-testid="import-preview"]').trigger('click');
    await settle();
  }

  it('reads a Word file, highlights the guesses, shows the scoring change as the unit is fixed, and saves the fix', async () => {
    const { harness, wrapper } = await open({
      PreviewTargetTables: () => previewOf([PREVIEW_TABLE], [...PREVIEW_TABLE.warnings, NEW_UNIT]),
      SaveTargetTables: () => ({ saveTargetTables: SAVED }),
    });
    await upload(wrapper);

    const preview = harness.api.calls.find((call) => call.operation === 'PreviewTargetTables')!;
    expect(preview.variables).toEqual({ file: 'UEsDBP8=', fileName: '诉讼服务中心.docx' });
    expect(wrapper.get('[data-testid="import-summary"]').text()).toBe('读出 1 张表，共 5 个指标。 3 处为推定（黄色标出），请核对。');
    expect(wrapper.text()).toContain('尚未保存');
    // What the tables do not show already is said once, above them.
    expect(wrapper.findAll('[data-testid="import-notices"] li').map((li) => li.text())).toEqual([NEW_UNIT.message]);
    expect(wrapper.get('[data-testid="import-table-action"]').text()).toBe('将新建项目');

    const rows = wrapper.findAll('[data-testid="import-indicator"]');
    expect(rows.map((row) => row.classes('indicator--guess'))).toEqual([false, true, false, true, false]);
    expect(rows[3].get('[data-testid="import-guess"]').text()).toContain('未写单位，按比率或满意度指标推定为“%”');
    // Each input of a guessed row is described by its guess.
    const unit = wrapper.get(UNIT);
    expect(unit.attributes('aria-describedby')).toBe(rows[3].get('[data-testid="import-guess"]').attributes('id'));
    expect(rows[3].get('[data-testid="import-scoring"]').text()).toBe('实际值≥4.5%得满分；未达到时得分 = 实际值 ÷ 4.5% × 分值');

    await unit.setValue('分');
    expect(rows[3].get('[data-testid="import-scoring"]').text()).toBe('实际值≥4.5分得满分；未达到时得分 = 实际值 ÷ 4.5分 × 分值');
    expect(unit.classes()).toContain('imp-input--changed');
    expect(unit.attributes('title')).toBe('原为：%');
    expect(rows[3].text()).toContain('已修改');
    expect(harness.api.calls.some((call) => call.operation === 'SaveTargetTables')).toBe(false);

    await wrapper.get('[data-testid="import-save"]').trigger('click');
    await settle();
    const save = harness.api.calls.find((call) => call.operation === 'SaveTargetTables')!;
    const [table] = save.variables.tables as Array<{ orgCode: string; indicators: Array<{ target: { unit: string | null; comparator: string | null } }> }>;
    expect(table.orgCode).toBe('218101');
    expect(table.indicators.map((i) => i.target.unit)).toEqual(['个', '万元', null, '分', null]);
    expect(wrapper.get('[data-testid="import-result-counts"]').text()).toBe('新建 1 个项目，更新 0 个项目。');
    await wrapper.get('[data-testid="import-result-project"]').trigger('click');
    // The project page is its own chunk: the navigation ends once it is loaded.
    await vi.waitFor(() => expect(harness.router.currentRoute.value.fullPath).toBe('/projects/p9'));
  });

  it('lists what to correct, naming table, row and cell, and sends nothing until it is corrected', async () => {
    const { harness, wrapper } = await open({
      PreviewTargetTables: () => previewOf([{ ...PREVIEW_TABLE, orgCode: null }]),
      SaveTargetTables: () => ({ saveTargetTables: SAVED }),
    });
    await upload(wrapper);
    await wrapper.get('input[aria-label="表1 第8行 改造服务窗口数量 目标值"]').setValue('六');
    await wrapper.get('[data-testid="import-save"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="import-problems"]').text()).toContain('还有 2 处需要修改，未保存');
    expect(wrapper.get('[data-testid="import-problems"]').text()).toContain('表1：请选择单位');
    expect(wrapper.get('[data-testid="import-problems"]').text()).toContain('表1 第8行 F8：目标数值“六”不是数字');
    expect(harness.api.calls.some((call) => call.operation === 'SaveTargetTables')).toBe(false);

    // A problem takes the person to its input.
    await wrapper.findAll('[data-testid="import-problems"] button')[1].trigger('click');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('表1 第8行 改造服务窗口数量 目标值');

    await wrapper.get('[data-testid="import-org"]').setValue('218101');
    await wrapper.get('input[aria-label="表1 第8行 改造服务窗口数量 目标值"]').setValue('6');
    await wrapper.get('[data-testid="import-save"]').trigger('click');
    await settle();
    expect(harness.api.calls.filter((call) => call.operation === 'SaveTargetTables')).toHaveLength(1);
    expect(wrapper.find('[data-testid="import-problems"]').exists()).toBe(false);
  });

  it('shows a 自评表’s 实际完成值 to check, and saves it as corrected', async () => {
    const selfEvaluation = {
      ...PREVIEW_TABLE,
      indicators: PREVIEW_TABLE.indicators.map((i) => ({ ...i, actual: i.name === '当事人满意度评分' ? '4.6' : null })),
    };
    const { harness, wrapper } = await open({ PreviewTargetTables: () => previewOf([selfEvaluation]), SaveTargetTables: () => ({ saveTargetTables: SAVED }) });
    await upload(wrapper);
    expect(wrapper.findAll('input[aria-label$="实际完成值"]')).toHaveLength(1);
    await wrapper.get('input[aria-label="表1 第12行 当事人满意度评分 实际完成值"]').setValue('4.6分');
    await wrapper.get(UNIT).setValue('分');
    await wrapper.get('[data-testid="import-save"]').trigger('click');
    await settle();
    const [table] = harness.api.calls.find((call) => call.operation === 'SaveTargetTables')!.variables.tables as Array<{
      indicators: Array<{ actual: string | null }>;
    }>;
    expect(table.indicators.map((i) => i.actual)).toEqual([null, null, null, '4.6分', null]);
  });

  it('keeps every correction when the server refuses the save, and says why', async () => {
    const { wrapper } = await open({
      PreviewTargetTables: () => previewOf([PREVIEW_TABLE]),
      SaveTargetTables: () => {
        throw new ApiError('第1张表（表1）：单位“218101”不在您的管辖范围内', 'FORBIDDEN');
      },
    });
    await upload(wrapper);
    await wrapper.get(UNIT).setValue('分');
    await wrapper.get('[data-testid="import-save"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="import-save-error"]').text()).toBe('保存失败，什么也没有写入：第1张表（表1）：单位“218101”不在您的管辖范围内');
    expect((wrapper.get(UNIT).element as HTMLInputElement).value).toBe('分');
  });

  it('says what is wrong with a file the server cannot read, and reads pasted text', async () => {
    const { harness, wrapper } = await open({
      PreviewTargetTables: (variables: Record<string, unknown>) => {
        if (variables.fileName) throw new ApiError('文件“旧表.doc”是 Word 97-2003 格式，请在 Word 中另存为 .docx 后再导入', 'BAD_USER_INPUT');
        return previewOf([PREVIEW_TABLE]);
      },
    });
    await upload(wrapper, '扫描件.docx', new Uint8Array(3.6 * 1024 * 1024));
    expect(wrapper.get('[data-testid="import-preview-error"]').text()).toBe(
      '文件“扫描件.docx”有 3.6 MB，超过网页导入的上限 3.5 MB：请删去文件中的图片等无关内容，或拆分后再导入',
    );
    expect(harness.api.calls.some((call) => call.operation === 'PreviewTargetTables')).toBe(false);

    await upload(wrapper, '旧表.doc');
    expect(wrapper.get('[data-testid="import-preview-error"]').text()).toBe('文件“旧表.doc”是 Word 97-2003 格式，请在 Word 中另存为 .docx 后再导入');
    expect(wrapper.find('[data-testid="import-table"]').exists()).toBe(false);

    await wrapper.get('[data-testid="import-mode-text"]').trigger('click');
    await wrapper.get('[data-testid="import-text"]').setValue('项目名称\t诉讼服务中心智能化改造项目');
    await wrapper.get('input[aria-label="表中未写年度时按"]').setValue('2023');
    await wrapper.get('[data-testid="import-preview"]').trigger('click');
    await settle();
    expect(harness.api.calls.at(-1)).toEqual({ operation: 'PreviewTargetTables', variables: { text: '项目名称\t诉讼服务中心智能化改造项目', year: 2023 } });
    expect(wrapper.findAll('[data-testid="import-table"]')).toHaveLength(1);
  });
});

describe('who sees 导入目标表', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  it('a manager finds it on the home page; a viewer neither sees it nor can open it', async () => {
    const manager = createHarness();
    await logIn(manager, MANAGER);
    await manager.router.push('/');
    wrapper = mountWith(manager, App);
    await settle();
    expect(wrapper.find('[data-testid="import-link"]').exists()).toBe(true);
    wrapper.unmount();

    const viewer = createHarness();
    await logIn(viewer, VIEWER);
    await viewer.router.push('/');
    wrapper = mountWith(viewer, App);
    await settle();
    expect(wrapper.find('[data-testid="dashboard-link"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="import-link"]').exists()).toBe(false);
    await viewer.router.push('/import');
    await settle();
    expect(viewer.router.currentRoute.value.name).toBe('home');
  });
});
