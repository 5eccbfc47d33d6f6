import { FORM_WIDGETS } from '@stagecraft/schema';
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
import { ComponentRegistry } from './component-registry.js';

// The board pulls in dnd-kit: it loads when a board is opened, not with the list page.
const BoardView = lazy(() => import('../board/BoardView.js').then((m) => ({ default: m.BoardView })));

/**
 * A registry holding an input and a display for every field type of the definition language, the
 * built-in widgets (FORM_WIDGETS, with the field types the schema says each edits) and the list and
 * board views.
 */
export function createDefaultRegistry(): ComponentRegistry {
  const r = new ComponentRegistry();
  const display = FieldDisplay;
  for (const type of ['text', 'phone', 'email', 'url']) r.registerField(type, { input: TextInput, display });
  r.registerField('long_text', { input: LongTextInput, display });
  for (const type of ['number', 'currency', 'percent'])
    r.registerField(type, { input: NumberInput, display });
  for (const type of ['date', 'datetime']) r.registerField(type, { input: DateInput, display });
  r.registerField('boolean', { input: BooleanInput, display });
  r.registerField('single_select', { input: SelectInput, display });
  r.registerField('multi_select', { input: MultiSelectInput, display });
  r.registerField('reference', { input: ReferenceInput, display: LookupDisplay });
  for (const type of ['user', 'org_unit'])
    r.registerField(type, { input: PeopleInput, display: LookupDisplay });
  for (const type of ['attachment', 'image']) r.registerField(type, { input: FileInput, display });
  r.registerField('geo_point', { input: GeoPointInput, display });
  r.registerField('subtable', { input: SubtableInput, display });
  for (const type of ['formula', 'auto_number']) r.registerField(type, { input: ReadOnlyInput, display });
  r.registerWidget('textarea', { input: LongTextInput, fieldTypes: FORM_WIDGETS.textarea });
  r.registerWidget('radio', { input: RadioInput, fieldTypes: FORM_WIDGETS.radio });
  r.registerWidget('slider', { input: SliderInput, fieldTypes: FORM_WIDGETS.slider });
  r.registerView('list', ListView);
  r.registerView('board', BoardView);
  return r;
}
