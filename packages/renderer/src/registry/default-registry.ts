import { FIELD_TYPE_TABLE, FIELD_TYPES, FORM_WIDGETS, type InputName } from '@stagecraft/schema';
import { lazy } from 'react';
import { BooleanInput } from '../fields/BooleanInput.js';
import { DateInput } from '../fields/DateInput.js';
import { FieldDisplay } from '../fields/FieldDisplay.js';
import { FileInput } from '../fields/FileInput.js';
import { GeoPointInput } from '../fields/GeoPointInput.js';
import { LongTextInput } from '../fields/LongTextInput.js';
import { LookupDisplay } from '../fields/LookupDisplay.js';
import { MultiSelectInput } from '../fields/MultiSelectInput.js';
import { NumberInput } from '../fields/NumberInput.js';
import { PeopleInput } from '../fields/PeopleInput.js';
import { RadioInput } from '../fields/RadioInput.js';
import { ReadOnlyInput } from '../fields/ReadOnlyInput.js';
import { ReferenceInput } from '../fields/ReferenceInput.js';
import { SelectInput } from '../fields/SelectInput.js';
import { SliderInput } from '../fields/SliderInput.js';
import { SubtableInput } from '../fields/SubtableInput.js';
import { TextInput } from '../fields/TextInput.js';
import { ListView } from '../list/ListView.js';
import { ComponentRegistry, type FieldComponents } from './component-registry.js';

/** The input components the field-type table names (`input` of each entry). */
const INPUTS: Record<InputName, FieldComponents['input']> = {
  TextInput,
  LongTextInput,
  NumberInput,
  DateInput,
  BooleanInput,
  SelectInput,
  MultiSelectInput,
  ReferenceInput,
  PeopleInput,
  FileInput,
  GeoPointInput,
  SubtableInput,
  ReadOnlyInput,
};

// The board pulls in dnd-kit: it loads when a board is opened, not with the list page.
const BoardView = lazy(() => import('../board/BoardView.js').then((m) => ({ default: m.BoardView })));

/**
 * A registry holding an input and a display for every field type of the definition language (as
 * the field-type table names them), the
 * built-in widgets (FORM_WIDGETS, with the field types the schema says each edits) and the list and
 * board views.
 */
export function createDefaultRegistry(): ComponentRegistry {
  const r = new ComponentRegistry();
  for (const type of FIELD_TYPES) {
    const { input, display } = FIELD_TYPE_TABLE[type];
    r.registerField(type, {
      input: INPUTS[input],
      display: display === 'lookup' ? LookupDisplay : FieldDisplay,
    });
  }
  r.registerWidget('textarea', { input: LongTextInput, fieldTypes: FORM_WIDGETS.textarea });
  r.registerWidget('radio', { input: RadioInput, fieldTypes: FORM_WIDGETS.radio });
  r.registerWidget('slider', { input: SliderInput, fieldTypes: FORM_WIDGETS.slider });
  r.registerView('list', ListView);
  r.registerView('board', BoardView);
  return r;
}
