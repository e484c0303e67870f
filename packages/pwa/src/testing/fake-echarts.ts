/** A stand-in for ECharts in jsdom (no canvas): records what the charts are given. */
import { vi } from 'vitest';
import type { ChartClick, ChartInstance, ChartLibrary, ChartOption, EChartsLoader } from '../dashboard/echarts-loader';
import { ECHARTS_LOADER } from '../dashboard/echarts-loader';

export interface FakeChart extends ChartInstance {
  element: HTMLElement;
  options: ChartOption[];
  setOption: ReturnType<typeof vi.fn> & ChartInstance['setOption'];
  resize: ReturnType<typeof vi.fn> & ChartInstance['resize'];
  dispose: ReturnType<typeof vi.fn> & ChartInstance['dispose'];
  /** Clicks a bar or slice, as a tap would. */
  click(params: ChartClick): void;
  /** The last option's series. */
  readonly series: Array<Record<string, unknown>>;
}

export function fakeECharts(options: { fail?: boolean } = {}) {
  const charts: FakeChart[] = [];
  const library: ChartLibrary = {
    init: (element) => {
      const handlers: Array<(params: ChartClick) => void> = [];
      const chart = {
        element,
        options: [] as ChartOption[],
        setOption: vi.fn((option: ChartOption) => void chart.options.push(option)),
        resize: vi.fn(),
        dispose: vi.fn(),
        on: (event: string, handler: (params: ChartClick) => void) => {
          if (event === 'click') handlers.push(handler);
        },
        click: (params: ChartClick) => handlers.forEach((handler) => handler(params)),
        get series() {
          const last = chart.options.at(-1) as { series?: Array<Record<string, unknown>> } | undefined;
          return last?.series ?? [];
        },
      };
      charts.push(chart as unknown as FakeChart);
      return chart as unknown as ChartInstance;
    },
  };
  const loader: EChartsLoader = vi.fn(async () => {
    if (options.fail) throw new TypeError('Failed to fetch dynamically imported module');
    return library;
  });
  /** The chart drawn in the element with this aria-label. */
  const byLabel = (label: string) => charts.find((chart) => chart.element.getAttribute('aria-label') === label);
  return { loader, charts, byLabel, provide: { [ECHARTS_LOADER as symbol]: loader } };
}
