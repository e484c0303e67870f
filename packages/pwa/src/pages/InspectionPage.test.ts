import { closeToast } from 'vant';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftRecord } from '../offline/db';
import { loadDraft } from '../offline/local-data';
import { listOutbox } from '../offline/outbox';
import { sha256Hex } from '../offline/photos';
import { createHarness, logIn, mountWith, NOW, PROJECT, seedReference, settle, SITE, type Harness } from '../testing/harness';
import { exifJpeg } from '../testing/exif-jpeg';
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

/** The toast on the screen now (Vant keeps earlier ones in the page, hidden). */
function lastToast(): string | undefined {
  const shown = [...document.body.querySelectorAll<HTMLElement>('.van-toast')].filter((toast) => toast.style.display !== 'none');
  return shown.at(-1)?.textContent ?? undefined;
}

async function open(harness: Harness, kind: 'REPAIR' | 'EQUIPMENT' = 'REPAIR'): Promise<Wrapper> {
  const wrapper = mountWith(harness, InspectionPage, { props: { id: PROJECT.id, kind } });
  await settle();
  return wrapper;
}

function draftOf(wrapper: Wrapper): InspectionDraft {
  return (wrapper.vm as unknown as { draft: InspectionDraft }).draft;
}

async function addPhoto(wrapper: Wrapper, content: string | Uint8Array<ArrayBuffer> = 'photo-bytes'): Promise<string> {
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
    closeToast(true);
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
    draftOf(wrapper).signature = SIGNATURE;
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    // The queuing takes a few IndexedDB rounds, more on a busy machine than settle() waits for.
    await vi.waitFor(async () => expect(await listOutbox(harness.db)).toHaveLength(1), { timeout: 10_000 });
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
    await wrapper.get('[data-testid="checklist-line"] [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="add-line"]').trigger('click');
    const lines = wrapper.findAll('[data-testid="checklist-line"]');
    expect(lines).toHaveLength(2);
    await lines[1].get('input').setValue('排水');
    await lines[1].get('[data-testid="pass"]').trigger('click');
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
          { label: '排水', passed: true },
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
    draftOf(wrapper).signature = SIGNATURE;
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
    // The photo and the signature.
    expect(harness.syncApi.uploadPhoto).toHaveBeenCalledTimes(2);
    expect(await listOutbox(harness.db)).toEqual([]);
    expect(wrapper.get('[data-testid="record-status"] .van-tag').text()).toBe('已发送');
  });
  it('goes to the first problem on 提交: scrolls it into view, focuses its input and says it in a toast', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    const scrolled = vi.mocked(Element.prototype.scrollIntoView);

    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    const field = wrapper.get('[data-field="itemName"]').element;
    expect(scrolled.mock.contexts[0]).toBe(field);
    expect(scrolled).toHaveBeenCalledWith({ behavior: 'smooth', block: 'center' });
    expect(document.activeElement).toBe(wrapper.get('[data-testid="item-name"] input').element);
    expect(lastToast()).toContain('请填写验收对象');
  });

  it('starts each checklist line unanswered, and will not queue a named line nobody answered', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    expect(wrapper.get('[data-testid="checklist-line"] [data-testid="unanswered"]').text()).toBe('未选择');
    expect(wrapper.get('[data-testid="checklist-line"] [data-testid="pass"]').attributes('aria-checked')).toBe('false');

    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    await wrapper.get('[data-testid="checklist-line"] input').setValue('屋面防水');
    await addPhoto(wrapper);
    draftOf(wrapper).signature = SIGNATURE;
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    expect(wrapper.get('[data-testid="error-line"]').text()).toBe('请选择「屋面防水」是否合格');
    // The focus goes to the line's 合格 button: answering is what fixes it.
    expect(document.activeElement).toBe(wrapper.get('[data-testid="checklist-line"] [data-testid="pass"]').element);
    expect(await listOutbox(harness.db)).toEqual([]);
  });

  it('refuses 合格 when a checklist line failed, at the 验收结论', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    await wrapper.get('[data-testid="checklist-line"] input').setValue('排水');
    await wrapper.get('[data-testid="checklist-line"] [data-testid="fail"]').trigger('click');
    await addPhoto(wrapper);
    draftOf(wrapper).signature = SIGNATURE;
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();

    expect(wrapper.get('[data-testid="error-passed"]').text()).toBe('「排水」不合格，总体结论不能为合格');
    expect(lastToast()).toContain('「排水」不合格，总体结论不能为合格');
    expect(await listOutbox(harness.db)).toEqual([]);
  });

  it('asks for the signature unless the project turned it off', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness, 'EQUIPMENT');
    expect(wrapper.text()).toContain('验收人签名（必填）');
    expect(wrapper.get('[data-testid="signature-prompt"]').text()).toBe('请验收人在下方框内签名，签名后才能提交');
    await wrapper.get('[data-testid="item-name"] input').setValue('高清摄像机');
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    expect(wrapper.get('[data-testid="signature-prompt"]').text()).toBe('请验收人签名');
    expect(document.activeElement).toBe(wrapper.get('[data-testid="signature-canvas"]').element);
    expect(await listOutbox(harness.db)).toEqual([]);
    wrapper.unmount();

    const unsigned = createHarness();
    await logIn(unsigned);
    await seedReference(unsigned, { projects: [{ ...PROJECT, requireSignature: false }] });
    wrapper = await open(unsigned, 'EQUIPMENT');
    expect(wrapper.text()).toContain('验收人签名（选填）');
    expect(wrapper.find('[data-testid="signature-prompt"]').exists()).toBe(false);
    await wrapper.get('[data-testid="item-name"] input').setValue('高清摄像机');
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    const [record] = await listOutbox(unsigned.db);
    expect(record.payload).not.toHaveProperty('signature');
  });

  it('清空重填 sits in the nav bar, away from 提交, and clears only once confirmed', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    expect(wrapper.get('.actions').text()).not.toContain('清空重填');
    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    await addPhoto(wrapper);

    await wrapper.get('[data-testid="discard"]').trigger('click');
    await settle();
    const dialog = document.body.querySelector('.van-dialog')!;
    expect(dialog.textContent).toContain('清空重填？');
    expect(dialog.textContent).toContain('验收对象、验收清单和 1 张照片');
    (document.body.querySelector('.van-dialog__cancel') as HTMLElement).click();
    await settle();
    expect(draftOf(wrapper).itemName).toBe('大孟庄法庭屋面');
    expect(draftOf(wrapper).photos).toHaveLength(1);

    await wrapper.get('[data-testid="discard"]').trigger('click');
    await settle();
    (document.body.querySelector('.van-dialog__confirm') as HTMLElement).click();
    await settle();
    expect(draftOf(wrapper).itemName).toBe('');
    expect(draftOf(wrapper).photos).toEqual([]);
  });

  it("keeps the original photo's EXIF capture time and position and sends them with the record", async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness);
    wrapper = await open(harness);
    await wrapper.get('[data-testid="item-name"] input').setValue('大孟庄法庭屋面');
    const photo = await addPhoto(wrapper, exifJpeg({ dateTimeOriginal: '2024:05:20 09:15:00', latitude: [39, 22, 30], longitude: [117, 2, 15] }));
    expect(draftOf(wrapper).photos[0].capture).toEqual({ capturedAt: '2024-05-20T01:15:00.000Z', latitude: 39.375, longitude: 117.0375 });
    draftOf(wrapper).signature = SIGNATURE;
    await wrapper.get('.pass-fail--large [data-testid="pass"]').trigger('click');
    await wrapper.get('[data-testid="submit"]').trigger('click');
    await settle();
    const [record] = await listOutbox(harness.db);
    expect(record.payload).toMatchObject({
      photos: [photo],
      photoCaptures: [{ sha256: photo, capturedAt: '2024-05-20T01:15:00.000Z', latitude: 39.375, longitude: 117.0375 }],
    });
  });

  it('explains an empty site list and adds a site on the device, queued before the acceptance at it', async () => {
    const harness = createHarness();
    await logIn(harness);
    await seedReference(harness, { sites: [] });
    wrapper = await open(harness);
    const site = wrapper.get('[data-testid="site"]');
    expect(site.attributes('role')).toBe('button');
    expect(site.text()).toContain('还没有地点，点此新增');

    await site.trigger('click');
    await settle();
    expect(document.body.querySelector('[data-testid="no-sites"]')?.textContent).toContain('点「新增地点」添加本次验收的法庭或办公室');
    (document.body.querySelector('[data-testid="add-site"]') as HTMLElement).click();
    await settle();
    const form = () => document.body.querySelector('[data-testid="site-form"]')!;
    (form().querySelector('[data-testid="save-site"]') as HTMLElement).click();
    await settle();
    expect(form().textContent).toContain('请填写地点名称');
    expect(form().textContent).toContain('请选择地点类型');
    expect(await listOutbox(harness.db)).toEqual([]);

    const name = form().querySelector('[data-testid="site-name"] input') as HTMLInputElement;
    name.value = ' 城关法庭 ';
    name.dispatchEvent(new Event('input'));
    [...form().querySelectorAll<HTMLElement>('[role="radio"]')].find((b) => b.textContent?.trim() === '派出法庭')!.click();
    await settle();
    (form().querySelector('[data-testid="save-site"]') as HTMLElement).click();
    await settle();

    const siteId = harness.ids[1];
    expect(draftOf(wrapper).siteId).toBe(siteId);
    expect(wrapper.get('[data-testid="site"]').text()).toContain('城关法庭');
    const [queued] = await listOutbox(harness.db);
    expect(queued).toMatchObject({
      clientId: siteId,
      kind: 'site',
      title: '新增地点 · 城关法庭',
      payload: { id: siteId, orgCode: '218101', name: '城关法庭', kind: 'DISPATCHED_TRIBUNAL' },
    });
    expect(queued.payload).not.toHaveProperty('clientId');
    expect(((await harness.db.reference.get('sites'))?.data as Array<{ id: string }>).map((s) => s.id)).toEqual([siteId]);

    // The same name again picks the site already there.
    await wrapper.get('[data-testid="site"]').trigger('click');
    await settle();
    (document.body.querySelector('[data-testid="add-site"]') as HTMLElement).click();
    await settle();
    const again = form().querySelector('[data-testid="site-name"] input') as HTMLInputElement;
    again.value = '城关法庭';
    again.dispatchEvent(new Event('input'));
    [...form().querySelectorAll<HTMLElement>('[role="radio"]')].find((b) => b.textContent?.trim() === '办公室')!.click();
    await settle();
    (form().querySelector('[data-testid="save-site"]') as HTMLElement).click();
    await settle();
    expect(await listOutbox(harness.db)).toHaveLength(1);
    expect(draftOf(wrapper).siteId).toBe(siteId);
  });
});
