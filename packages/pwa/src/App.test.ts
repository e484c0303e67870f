import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import App from './App.vue';

describe('App', () => {
  it('parses the target typed by the user with the shared domain rules', async () => {
    const wrapper = mount(App);
    await wrapper.get('input').setValue('不低于 ９０％');
    const parsed = JSON.parse(wrapper.get('[data-testid="parsed"]').text());
    expect(parsed).toMatchObject({ kind: 'quantitative', comparator: '>=', value: 90, unit: '%' });
  });
});
