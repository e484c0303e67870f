/**
 * ECharts, fetched the first time a chart is drawn: only the core, the three chart types, the
 * components the dashboard uses and the canvas renderer — never part of the app shell (see
 * src/bundle-budget.test.ts). Chart components receive the loader by injection, so tests can hand
 * in a fake that records setOption.
 */
import type { InjectionKey } from 'vue';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

/** A click on a bar or a slice. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex?: number;
  name: string;
}

/** The part of an ECharts instance the dashboard uses. */
export interface ChartInstance {
  setOption(option: ChartOption, opts?: { notMerge?: boolean }): void;
  resize(): void;
  on(event: 'click', handler: (params: ChartClick) => void): void;
  /** Drawn, animations included. */
  on(event: 'finished', handler: () => void): void;
  dispose(): void;
}

export interface ChartLibrary {
  init(element: HTMLElement, theme?: string | null, opts?: { renderer?: 'canvas' | 'svg' }): ChartInstance;
}

export type EChartsLoader = () => Promise<ChartLibrary>;

export const ECHARTS_LOADER: InjectionKey<EChartsLoader> = Symbol('echarts-loader');

let loading: Promise<ChartLibrary> | null = null;

/** Loads and registers the parts of ECharts once; a failed download (offline) may be retried. */
export const loadECharts: EChartsLoader = () => {
  loading ??= (async () => {
    // Destructured where imported, so that the bundler keeps only these parts of each module.
    const [core, charts, components, renderers] = await Promise.all([
      import('echarts/core').then(({ use, init }) => ({ use, init })),
      import('echarts/charts').then(({ BarChart, LineChart, PieChart }) => [BarChart, LineChart, PieChart]),
      // MarkLine draws the 90/80/60 grade lines and the 100% target line.
      import('echarts/components').then(({ GridComponent, TooltipComponent, LegendComponent, MarkLineComponent }) => [
        GridComponent,
        TooltipComponent,
        LegendComponent,
        MarkLineComponent,
      ]),
      import('echarts/renderers').then(({ CanvasRenderer }) => [CanvasRenderer]),
    ]);
    core.use([...charts, ...components, ...renderers]);
    return core as unknown as ChartLibrary;
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
};
