import type { FieldType, Locale, LocalizedText } from '@stagecraft/schema';
import type { ComponentType, ReactNode } from 'react';
import type { AnyField } from '../format/format-value.js';
import type { RecordData } from '../services/runtime-services.js';

/** What every field input receives; inputs are controlled and never talk to the server by themselves. */
export interface FieldInputProps {
  field: AnyField;
  value: unknown;
  onChange(value: unknown): void;
  /**
   * Reports text the input holds but cannot turn into a value ("abc" in a number field, an
   * impossible date, an oversize file); null clears it. The form shows it inline and refuses Save.
   */
  onInputError(message: string | null): void;
  /** DOM id of the control, so the form's <label> points at it. */
  inputId: string;
  disabled?: boolean;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string;
  locale: Locale;
}

/** What a read-only display of a value receives (lists, cards, record pages). */
export interface FieldDisplayProps {
  field: AnyField;
  value: unknown;
  locale: Locale;
}

/** The components of one field type. */
export interface FieldComponents {
  input: ComponentType<FieldInputProps>;
  display?: ComponentType<FieldDisplayProps>;
}

/** An input a form item asks for by name instead of its field type's default one. */
export interface WidgetComponents {
  input: ComponentType<FieldInputProps>;
  /** The field types it edits; on any other field the form keeps the field type's input. */
  fieldTypes: readonly string[];
}

/** What every view document has, whatever its type; a view type's component reads the rest. */
export interface ViewDocument {
  id: string;
  type: string;
  entity: string;
  label: LocalizedText;
}

/** What the view currently shows, without paging, and a way to load it again. */
export interface ViewToolbarContext {
  /** The view's filter joined with the user's, as the records API takes it. */
  filter?: unknown;
  sort: { field: string; direction: 'asc' | 'desc' }[];
  search?: string;
  /** Loads the current page again (after the shell changed records behind the view's back). */
  reload(): void;
}

/** What every registered view component receives from the shell. */
export interface ViewProps<V extends ViewDocument = ViewDocument> {
  view: V;
  onOpen(record: RecordData): void;
  /** Offered when the user may create records of the view's entity; a view may ignore it. */
  onNew?(): void;
  /** The shell's extra toolbar controls (export, import); a view without a toolbar ignores them. */
  toolbar?(context: ViewToolbarContext): ReactNode;
  /** Rows may be selected for bulk edit and bulk transition (a view without rows ignores it). */
  selectable?: boolean;
}

/**
 * Field types, widget names and view types map to components here, so a new type registers without
 * the form, list, record page or board changing (like tldraw's shape utils).
 *
 * @example
 * const registry = createDefaultRegistry()
 *   .registerWidget('stars', { input: StarsInput, fieldTypes: ['number'] })
 *   .registerView('calendar', CalendarView);
 */
export class ComponentRegistry {
  private readonly fields = new Map<string, FieldComponents>();
  private readonly widgets = new Map<string, WidgetComponents>();
  private readonly views = new Map<string, ComponentType<ViewProps>>();

  registerField(type: FieldType | string, components: FieldComponents): this {
    this.fields.set(type, components);
    return this;
  }

  field(type: string): FieldComponents | undefined {
    return this.fields.get(type);
  }

  registerWidget(name: string, components: WidgetComponents): this {
    this.widgets.set(name, components);
    return this;
  }

  widget(name: string): WidgetComponents | undefined {
    return this.widgets.get(name);
  }

  /**
   * The input for a field placed with an optional widget: the widget when it is registered and edits
   * the field's type, else the field type's own input. A document naming a widget this shell lacks
   * still shows an input, so publish may accept widgets of another host.
   */
  input(field: AnyField, widget?: string): ComponentType<FieldInputProps> | undefined {
    const w = widget === undefined ? undefined : this.widgets.get(widget);
    if (w?.fieldTypes.includes(field.type)) return w.input;
    return this.fields.get(field.type)?.input;
  }

  /** Registers the component of a view type; `V` is that type's document shape. */
  registerView<V extends ViewDocument>(type: string, component: ComponentType<ViewProps<V>>): this {
    this.views.set(type, component as ComponentType<ViewProps>);
    return this;
  }

  view(type: string): ComponentType<ViewProps> | undefined {
    return this.views.get(type);
  }

  fieldTypes(): string[] {
    return [...this.fields.keys()];
  }

  widgetNames(): string[] {
    return [...this.widgets.keys()];
  }

  viewTypes(): string[] {
    return [...this.views.keys()];
  }

  /** A copy to extend without touching the original (e.g. a shell adding its own widgets). */
  clone(): ComponentRegistry {
    const out = new ComponentRegistry();
    for (const [k, v] of this.fields) out.fields.set(k, v);
    for (const [k, v] of this.widgets) out.widgets.set(k, v);
    for (const [k, v] of this.views) out.views.set(k, v);
    return out;
  }
}
