import { type DashboardServices, WidgetBody, type WidgetData } from '@stagecraft/renderer';
import type { Locale, Widget } from '@stagecraft/schema';
import { useEffect, useState } from 'react';

/** The live preview of one widget: runs the unsaved widget against the published app. */
export function WidgetPreview({
  widget,
  services,
  locale,
}: {
  widget: Widget;
  services: DashboardServices;
  locale: Locale;
}) {
  const key = JSON.stringify({ ...widget, layout: undefined, label: undefined });
  const [data, setData] = useState<WidgetData | string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run only when the query changes, not the layout
  useEffect(() => {
    let live = true;
    setData(null);
    void services.preview(widget).then((r) => live && setData(r.ok ? r.value : r.error.message));
    return () => {
      live = false;
    };
  }, [key, services]);
  if (data === null) return <p className="sc-state">…</p>;
  if (typeof data === 'string') return <p className="sc-state sc-state-error">{data}</p>;
  return <WidgetBody widget={widget} data={data} locale={locale} />;
}
