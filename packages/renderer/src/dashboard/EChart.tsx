import { useEffect, useRef } from 'react';
import { loadEcharts } from './load-echarts.js';

/** A click on a data item: which series and item. */
export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
}

/** One echarts canvas; the library loads lazily on first render and resizes with its box. */
export function EChart({
  option,
  onClick,
  label,
}: {
  option: Record<string, unknown>;
  onClick?: (click: ChartClick) => void;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    let disposed = false;
    let chart:
      | {
          setOption(o: unknown, notMerge?: boolean): void;
          resize(): void;
          dispose(): void;
          on(e: string, f: (p: ChartClick) => void): void;
        }
      | undefined;
    let observer: ResizeObserver | undefined;
    void loadEcharts().then((echarts) => {
      if (disposed || !box.current) return;
      chart = echarts.init(box.current) as unknown as typeof chart;
      chart?.setOption(option, true);
      chart?.on('click', (p) =>
        clickRef.current?.({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex ?? 0 }),
      );
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => chart?.resize());
        observer.observe(box.current);
      }
      box.current.dataset.ready = 'true';
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return (
    <div
      ref={box}
      className="sc-chart"
      role="img"
      aria-label={label}
      style={{ width: '100%', height: '100%', minHeight: 180 }}
    />
  );
}
