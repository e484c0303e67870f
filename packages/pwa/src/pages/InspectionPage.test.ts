import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../offline/db';
import { loadDraft } from '../offline/local-data';
import { listOutbox } from '../offline/outbox';
import { sha256Hex } from '../offline/photos';
import { createHarness, logIn, mountWith, NOW, PROJECT, seedReference, settle, SITE, type Harness } from '../testing/harness';
import type { InspectionDraft } from './inspection-form';
import InspectionPage from './InspectionPage.vue';

// jsdom cannot decode or draw images: "compression" keeps the bytes and names them by their hash.
vi.mock('../offline/photos', async (importOriginal) => {
  const original = await importOriginal<typeof import('../offline/photos')>();
  return {
    ...original,
    compressPhoto: vi.fn(async (file: Blob) => ({
      blob: file,
      sha256: await original.sha256Hex(file),
      width: 1600,
      height: 1200,
      bytes: file.size,
      type: 'image/jpeg' as const,
    })),
  };
});

/** A 1×1 PNG, as the signature pad exports it. */
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const fakeGeolocation = {
  getCurrentPosition: (success: PositionCallback) => success({ coords: { latitude: 39.38, longitude: 117.04, accuracy: 12.4 } } as GeolocationPosition),
} as Geolocation;

type Wrapper = ReturnType<typeof mountWith>;

async function open(harness: Harness, kind: 'REPAIR' | 'EQUIPMENT' = 'REPAIR'): Promise<Wrapper> {
  const wrapper = mountWith(harness, InspectionPage, { props: { id: PROJECT.id, kind } });
  await settle();
  return wrapper;
}

function draftOf(wrapper: Wrapper): InspectionDraft {
  return (wrapper.vm as unknown as { draft: InspectionDraft }).draft;
}

async function addPhoto(wrapper: Wrapper, content = 'photo-bytes'): Promise<string> {
  const file = new File([content], 'IMG_0001.jpg', { type: 'image/jpeg' });
  const input = wrapper.get('[data-testid="camera-input"]');
  expect(input.attributes('capture')).toBe('environment');
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true });
  await input.trigger('change');
  await settle();
  return sha256Hex(file);
}

describe('InspectionPage (维修验收 / 设备验收)', () => {
  let wrapper: Wrapper | undefined;
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:thumb');
    URL.revokeObjectURL = vi.fn();
    // jsdom has no 2D canvas; the signature pad copes with that.
    HTMLCanvasElement.prototype.getContext = vi.fn(() => null) as never;
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
  });

  it('refuses a repair acceptance without an item, a photo and a result, and a failed one without a note', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);

    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    expect(wrapper.text()).toContain('请填写验收对象');
    expect(wrapper.get('[data-testid="error-photos"]').text()).toBe('维修验收至少需要一张照片');
    expect(wrapper.get('[data-testid="error-passed"]').text()).toBe('请选择验收结论');

    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    await addPhoto(wrapper);
    const result = wrapper.findAll('.pass-fail--large [data-testid="fail"]');
    await result[0].trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="error-photos"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('不合格时请填写说明');
    expect(await listOutbox(harness.db)).toEqual([]);
    expect(wrapper.find('[data-testid="submitted"]').exists()).toBe(false);
  });

  it('does not ask an equipment acceptance for a photo', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness, 'EQUIPMENT');
    await wrapper.get('[data-testid="item-name"] input').setValue('高清摄像机');
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    const [record] = await listOutbox(harness.db);
    expect(record.payload).toMatchObject({ kind: 'EQUIPMENT', itemName: '高清摄像机', photos: [], passed: true });
  });

  it('keeps the clientId made when the form opened across autosave and restore', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    const clientId = draftOf(wrapper).clientId;
    expect(clientId).toBe(harness.ids[0]);

    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    const photo = await addPhoto(wrapper);
    // Leaving the page (or the app going to the background) writes the draft at once.
    wrapper.unmount();
    wrapper = undefined;
    await settle();
    const saved = (await loadDraft<InspectionDraft>(harness.db, `inspection:REPAIR:${PROJECT.id}`)) as DraftRecord<InspectionDraft>;
    expect(saved.data).toMatchObject({ clientId, itemName: '大孟庄法庭屋面' });
    expect(saved.data.photos.map((p) => p.sha256)).toEqual([photo]);

    wrapper = await open(harness);
    expect(wrapper.find('[data-testid="restored"]').exists()).toBe(true);
    expect(draftOf(wrapper).clientId).toBe(clientId);
    expect((wrapper.get('[data-testid="item-name"] input').element as HTMLInputElement).value).toBe('大孟庄法庭屋面');
    expect(wrapper.findAll('[data-testid="photo"]')).toHaveLength(1);
  });

  it('queues the record with its photos and signature, clears the draft and locks the form', async () => {
    const harness = createHarness({ geolocation: fakeGeolocation });
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    expect(wrapper.get('[data-testid="location"]').text()).toContain('定位精度 ±12 米');

    const draft = draftOf(wrapper);
    draft.siteId = SITE.id;
    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    await wrapper.get('[data-testid="checklist-line"] input').setValue('屋面防水');
    await wrapper.get('[data-testid="add-line"]').trigger('click');
    const lines = wrapper.findAll('[data-testid="checklist-line"]');
    expect(lines).toHaveLength(2);
    await lines[1].get('input').setValue('排水');
    await lines[1].get('[data-testid="fail"]').trigger('click');
    const photo = await addPhoto(wrapper);
    draft.signature = SIGNATURE;
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');

    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    const signatureHash = await sha256Hex(await (await fetch(SIGNATURE)).blob());
    const records = await listOutbox(harness.db);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      clientId: harness.ids[0],
      kind: 'inspection',
      status: 'waiting',
      title: '维修验收 · 大孟庄法庭 · 大孟庄法庭屋面',
      photoHashes: [photo, signatureHash],
      payload: {
        clientId: harness.ids[0],
        projectId: PROJECT.id,
        kind: 'REPAIR',
        siteId: SITE.id,
        itemName: '大孟庄法庭屋面',
        checklist: [
          { label: '屋面防水', passed: true },
          { label: '排水', passed: false },
        ],
        passed: true,
        photos: [photo],
        signature: signatureHash,
        location: { lat: 39.38, lng: 117.04, accuracy: 12.4 },
        capturedAt: new Date(NOW).toISOString(),
      },
    });
    const stored = await harness.db.photos.bulkGet([photo, signatureHash]);
    expect(stored.map((p) => p?.type)).toEqual(['image/jpeg', 'image/png']);
    expect(stored[1]).toMatchObject({ width: 1, height: 1 });

    // The draft is gone; the form is replaced by the record's status, and says nothing of the server yet.
    expect(await loadDraft(harness.db, `inspection:REPAIR:${PROJECT.id}`)).toBeUndefined();
    expect(wrapper.find('[data-testid="inspection-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="submitted"]').text()).toContain('已保存，等待同步');
    expect(wrapper.get('[data-testid="record-status"] .van-tag').text()).toBe('等待中');
    await vi.waitFor(() => expect(harness.syncApi.probe).toHaveBeenCalled(), { timeout: 10_000 });

    // A second tap cannot queue it twice; "再录一条" opens a fresh form with a new clientId.
    await wrapper.get('[data-testid="another"]').trigger('click');
    await settle();
    expect(draftOf(wrapper).clientId).toBe(harness.ids[1]);
    expect(draftOf(wrapper).siteId).toBe(SITE.id);
    expect(draftOf(wrapper).photos).toEqual([]);
    expect(await listOutbox(harness.db)).toHaveLength(1);
  });

  it('says 已发送 only after the server confirmed the record', async () => {
    let release!: () => void;
    const serverAnswered = new Promise<void>((resolve) => (release = resolve));
    const harness = createHarness({ syncApi: { probe: vi.fn(async () => true), submit: vi.fn(() => serverAnswered) } });
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    await addPhoto(wrapper);
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await vi.waitFor(() => expect(wrapper!.find('[data-testid="record-status"]').exists()).toBe(true), { timeout: 10_000 });
    expect(wrapper.get('[data-testid="record-status"] .van-tag').text()).not.toBe('已发送');

    // The server has the record but has not answered yet: still not "sent".
    await vi.waitFor(() => expect(harness.syncApi.submit).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    await settle();
    expect(wrapper.get('[data-testid="record-status"] .van-tag').text()).toBe('发送中');
    release();
    await vi.waitFor(async () => expect(await listOutbox(harness.db)).toEqual([]), { timeout: 10_000 });
    await settle();
    expect(harness.syncApi.uploadPhoto).toHaveBeenCalledTimes(1);
    expect(await listOutbox(harness.db)).toEqual([]);
    expect(wrapper.get('[data-testid="record-status"] .van-tag').text()).toBe('已发送');
  });
});
