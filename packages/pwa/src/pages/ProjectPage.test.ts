import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndicatorEvidenceQuery } from '../graphql/generated/graphql';
import { createHarness, logIn, mountWith, PROJECT, seedReference, settle } from '../testing/harness';
import ProjectPage from './ProjectPage.vue';

const evidence: IndicatorEvidenceQuery = {
  indicator: {
    id: 'i1',
    actual: { value: '5个', tier: null, ratio: null, note: null, recordedAt: '2024-05-01T00:00:00Z', recordedBy: null, history: [] },
    evidence: {
      source: 'REPAIR_COUNT',
      derivedAt: '2024-05-01T00:00:00Z',
      surveyId: null,
      fromSpending: false,
      inspections: [
        {
          id: 'x1',
          kind: 'REPAIR',
          site: { id: 's1', name: '大孟庄法庭' },
          itemName: '屋面',
          serialNumber: null,
          checklist: [],
          passed: true,
          note: null,
          photos: [{ sha256: 'ab'.repeat(32), thumbnailUrl: `/uploads/${'ab'.repeat(32)}?variant=thumb`, url: `/uploads/${'ab'.repeat(32)}`, uploaded: true }],
          signature: null,
          location: null,
          capturedAt: '2024-04-30T02:00:00Z',
          submittedBy: 'zhang',
          reviewStatus: 'PENDING',
          reviewReason: null,
        },
      ],
    },
  },
};

describe('ProjectPage', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:thumb-1');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => wrapper?.unmount());

  it('lists the indicators with target, actual, completion, score and source, from the cache', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = mountWith(harness, ProjectPage, { props: { id: PROJECT.id } });
    await settle();

    const [count, quality] = wrapper.findAll('[data-testid="indicator"]');
    expect(count.text()).toContain('维修法庭和办公室数量');
    expect(count.text()).toContain('≥6个');
    expect(count.text()).toContain('5个');
    expect(count.text()).toContain('83.33%');
    expect(count.text()).toContain('8.33');
    expect(count.text()).toContain('由维修验收推算');
    expect(quality.text()).toContain('未录入');
    expect(quality.text()).toContain('手工录入');
    expect(wrapper.text()).toContain('120 万元');
    expect(wrapper.text()).toContain('50%');
    // An inspector collects evidence but does not enter actual values.
    expect(wrapper.find('[data-testid="start-repair"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="start-manage"]').exists()).toBe(false);
  });

  it('shows the evidence behind an indicator with photo thumbnails fetched with the login', async () => {
    const harness = createHarness({ api: { IndicatorEvidence: () => evidence } });
    await logIn(harness);
    await seedReference(harness);
    wrapper = mountWith(harness, ProjectPage, { props: { id: PROJECT.id } });
    await settle();
    await wrapper.get('[data-testid="indicator"]').trigger('click');
    await settle();

    const detail = document.body.querySelector('[data-testid="evidence-inspection"]');
    expect(detail?.textContent).toContain('屋面');
    expect(detail?.textContent).toContain('大孟庄法庭');
    expect(harness.services.fetch).toHaveBeenCalledWith(
      `/uploads/${'ab'.repeat(32)}?variant=thumb`,
      expect.objectContaining({ headers: { authorization: 'Bearer token-1' } }),
    );
    expect(detail?.querySelector('img')?.getAttribute('src')).toBe('blob:thumb-1');
  });

  it('says that the evidence needs a connection when offline', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = mountWith(harness, ProjectPage, { props: { id: PROJECT.id } });
    await settle();
    await wrapper.get('[data-testid="indicator"]').trigger('click');
    await settle();
    expect(document.body.querySelector('[data-testid="evidence-offline"]')?.textContent).toContain('查看证据需要联网');
  });
});
