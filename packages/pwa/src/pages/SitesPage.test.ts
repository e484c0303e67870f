import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../graphql/client';
import type { SiteRef } from '../graphql/queries';
import { createHarness, logIn, MANAGER, mountWith, seedReference, settle, SITE, type Handlers } from '../testing/harness';
import SitesPage from './SitesPage.vue';

const ORGS = [
  { code: '218101', name: '天津市武清区人民法院' },
  { code: '218102', name: '天津市宝坻区人民法院' },
];
const OTHER_UNIT: SiteRef = { id: 's9', name: '宝坻科技法庭', kind: 'TECH_COURT', address: null, orgCode: '218102' };

describe('SitesPage (地点管理)', () => {
  let wrapper: ReturnType<typeof mountWith> | undefined;
  afterEach(() => wrapper?.unmount());

  async function open(api: Handlers) {
    const harness = createHarness({ api });
    await logIn(harness, MANAGER);
    await seedReference(harness);
    wrapper = mountWith(harness, SitesPage);
    await settle();
    return { harness, wrapper };
  }

  const sitesOf = (w: NonNullable<typeof wrapper>) => w.findAll('[data-testid="site"]').map((c) => c.text());
  /** The form is teleported nowhere: it is inside the popup, in the page. */
  const form = (w: NonNullable<typeof wrapper>) => w.get('[data-testid="site-form"]');

  it('lists the unit’s sites with their kind, and another unit’s when it is chosen', async () => {
    const { wrapper } = await open({ ManageSites: () => ({ organizations: ORGS, sites: [OTHER_UNIT, { ...SITE, address: '大孟庄镇' }] }) });
    expect(sitesOf(wrapper)).toEqual(['大孟庄法庭大孟庄镇派出法庭']);
    await wrapper.get('[data-testid="sites-org"]').setValue('218102');
    expect(sitesOf(wrapper)).toEqual(['宝坻科技法庭科技法庭']);
    expect(wrapper.findAll('h1').map((h) => h.text())).toEqual(['地点管理']);
  });

  it('shows the domain’s errors on their fields, moves to the first, and sends nothing', async () => {
    const { harness, wrapper } = await open({ ManageSites: () => ({ organizations: ORGS.slice(0, 1), sites: [] }) });
    expect(wrapper.find('[data-testid="sites-empty"]').exists()).toBe(true);
    await wrapper.get('[data-testid="site-create"]').trigger('click');
    await settle();
    await form(wrapper).trigger('submit');
    await settle();
    expect(form(wrapper).get('[data-field="name"]').text()).toContain('请填写地点名称');
    expect(wrapper.get('[data-testid="site-kind-error"]').text()).toBe('请选择地点类型');
    expect(document.activeElement).toBe(form(wrapper).get('[data-field="name"] input').element);
    expect(harness.api.calls.map((c) => c.operation)).toEqual(['ManageSites']);
  });

  it('creates a site with a device id in the unit, and lists it', async () => {
    const created: SiteRef = { id: '', name: '大王古庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: '大王古庄镇', orgCode: '218101' };
    const { harness, wrapper } = await open({
      ManageSites: () => ({ organizations: ORGS.slice(0, 1), sites: [SITE] }),
      CreateSite: ({ input }) => ({ createSite: { ...created, id: input.id! } }),
    });
    await wrapper.get('[data-testid="site-create"]').trigger('click');
    await settle();
    await form(wrapper).get('[data-testid="site-name"] input').setValue(' 大王古庄法庭 ');
    await form(wrapper).get('[data-testid="site-kind-DISPATCHED_TRIBUNAL"]').trigger('click');
    await form(wrapper).get('[data-testid="site-address"] textarea').setValue('大王古庄镇');
    await form(wrapper).trigger('submit');
    await settle();
    const create = harness.api.calls.find((c) => c.operation === 'CreateSite')!;
    expect(create.variables).toEqual({
      input: { id: harness.ids[0], orgCode: '218101', name: '大王古庄法庭', kind: 'DISPATCHED_TRIBUNAL', address: '大王古庄镇' },
    });
    expect(sitesOf(wrapper)).toEqual(['大孟庄法庭派出法庭', '大王古庄法庭大王古庄镇派出法庭']);
    expect(wrapper.get('[data-testid="sites-notice"]').text()).toBe('已新建“大王古庄法庭”');
  });

  it('says so when the unit had a site of that name already (the server answers with it)', async () => {
    const { wrapper } = await open({
      ManageSites: () => ({ organizations: ORGS.slice(0, 1), sites: [] }),
      CreateSite: () => ({ createSite: SITE }),
    });
    await wrapper.get('[data-testid="site-create"]').trigger('click');
    await settle();
    await form(wrapper).get('[data-testid="site-name"] input').setValue('大孟庄法庭');
    await form(wrapper).get('[data-testid="site-kind-OFFICE"]').trigger('click');
    await form(wrapper).trigger('submit');
    await settle();
    expect(wrapper.get('[data-testid="sites-notice"]').text()).toBe('本单位已有“大孟庄法庭”，未重复新建');
    expect(sitesOf(wrapper)).toEqual(['大孟庄法庭派出法庭']);
  });

  it('edits a site, and shows the server’s refusal on the field it names', async () => {
    const { harness, wrapper } = await open({
      ManageSites: () => ({ organizations: ORGS.slice(0, 1), sites: [SITE, { ...SITE, id: 's2', name: '汊沽港法庭' }] }),
      UpdateSite: ({ input }) => {
        if (input.name === '汊沽港法庭') throw new ApiError('本单位已有名为“汊沽港法庭”的地点', 'CONFLICT', { field: 'input.name' });
        return { updateSite: { ...SITE, name: input.name!, kind: input.kind!, address: input.address || null } };
      },
    });
    await wrapper.findAll('[data-testid="site"]')[1].trigger('click');
    await settle();
    const name = form(wrapper).get('[data-testid="site-name"] input');
    expect((name.element as HTMLInputElement).value).toBe('大孟庄法庭');
    expect(form(wrapper).get('[data-testid="site-kind-DISPATCHED_TRIBUNAL"]').attributes('aria-checked')).toBe('true');

    await name.setValue('汊沽港法庭');
    await form(wrapper).trigger('submit');
    await settle();
    expect(form(wrapper).get('[data-field="name"]').text()).toContain('本单位已有名为“汊沽港法庭”的地点');

    await name.setValue('大孟庄人民法庭');
    await form(wrapper).get('[data-testid="site-kind-TECH_COURT"]').trigger('click');
    await form(wrapper).trigger('submit');
    await settle();
    expect(harness.api.calls.filter((c) => c.operation === 'UpdateSite').at(-1)!.variables).toEqual({
      input: { id: 's1', name: '大孟庄人民法庭', kind: 'TECH_COURT', address: '' },
    });
    // By name as Chinese sorts it (pinyin): 汊 chà before 大 dà.
    expect(sitesOf(wrapper)).toEqual(['汊沽港法庭派出法庭', '大孟庄人民法庭科技法庭']);
  });

  it('offline: says that managing sites needs a connection and shows the device’s sites read-only', async () => {
    const { wrapper } = await open({});
    expect(wrapper.get('[data-testid="sites-offline"]').text()).toContain('需要联网');
    expect(sitesOf(wrapper)).toEqual(['大孟庄法庭派出法庭']);
    expect(wrapper.get('[data-testid="site-create"]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid="site"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="site-form"]').exists()).toBe(false);
  });
});
