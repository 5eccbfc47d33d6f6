import type { FieldType, Locale } from '@stagecraft/schema';
import type { ComponentType } from 'react';
import type { AnyField } from '../format/format-value.js';

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

/**
 * Field types and view/widget types map to components here, so a new type registers without the
 * form, list, record page or board changing (like tldraw's shape utils).
 */
export class ComponentRegistry {
  private readonly fields = new Map<string, FieldComponents>();
  private readonly views = new Map<string, ComponentType<never>>();

  registerField(type: FieldType | string, components: FieldComponents): this {
    this.fields.set(type, components);
    return this;
  }

  field(type: string): FieldComponents | undefined {
    return this.fields.get(type);
  }

  registerView<P>(type: string, component: ComponentType<P>): this {
    this.views.set(type, component as ComponentType<never>);
    return this;
  }

  view<P>(type: string): ComponentType<P> | undefined {
    return this.views.get(type) as ComponentType<P> | undefined;
  }

  fieldTypes(): string[] {
    return [...this.fields.keys()];
  }

  /** A copy to extend without touching the original (e.g. a shell adding its own widgets). */
  clone(): ComponentRegistry {
    const out = new ComponentRegistry();
    for (const [k, v] of this.fields) out.fields.set(k, v);
    for (const [k, v] of this.views) out.views.set(k, v);
    return out;
  }
}
