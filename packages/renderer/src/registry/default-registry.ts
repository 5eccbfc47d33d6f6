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
import { ReadOnlyInput } from '../fields/ReadOnlyInput.js';
import { ReferenceInput } from '../fields/ReferenceInput.js';
import { SelectInput } from '../fields/SelectInput.js';
import { SubtableInput } from '../fields/SubtableInput.js';
import { TextInput } from '../fields/TextInput.js';
import { ComponentRegistry } from './component-registry.js';

/** A registry holding an input and a display for every field type of the definition language. */
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
  return r;
}
