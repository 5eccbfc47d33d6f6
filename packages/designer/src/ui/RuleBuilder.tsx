import { check, explain, typeCheck } from '@stagecraft/rules';
import type { Field, FieldType, Issue } from '@stagecraft/schema';
import { localize, SYSTEM_FIELDS } from '@stagecraft/schema';
import { useMemo, useState } from 'react';
import { LazyJsonEditor } from '../monaco/LazyJsonEditor.js';
import {
  type Operator,
  operatorsFor,
  type RuleNode,
  ruleToTree,
  simplify,
  takesValue,
  treeToRule,
  updateNode,
} from '../rules/rule-tree.js';
import { useDesigner } from './designer-context.js';
import { ValueInput } from './ValueInput.js';

interface Props {
  /** The rule as stored (undefined: no condition). */
  value: unknown;
  onChange(rule: unknown): void;
  fields: readonly Field[];
  label: string;
  /** Stable prefix for test ids and accessible names. */
  name: string;
}

/** Problems of a rule: syntax and operators, then types against the entity's fields. */
export function ruleIssues(rule: unknown, fields: readonly Field[], locale: 'en' | 'zh-CN'): Issue[] {
  if (rule === undefined) return [];
  const checked = check(rule, { locale });
  if (!checked.ok) return checked.issues;
  const types: Record<string, FieldType> = { ...SYSTEM_FIELDS };
  for (const f of fields) types[f.id] = f.type === 'formula' ? f.resultType : f.type;
  return typeCheck(rule, types, '', locale);
}

/**
 * A condition in three synchronized views: the visual builder (field → operator → value, nested
 * and/or groups), the JSON tab (Monaco, markers at the exact path, field-id completion) and a test
 * panel that evaluates it on a sample record and explains the result.
 */
export function RuleBuilder({ value, onChange, fields, label, name }: Props) {
  const { t, locale } = useDesigner();
  const [tab, setTab] = useState<'visual' | 'json'>('visual');
  const tree = useMemo(() => ruleToTree(value), [value]);
  const setTree = (next: RuleNode) => onChange(simplify(treeToRule(next)));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // The text being typed stays as typed while it means the stored rule; otherwise the rule, formatted.
  const [typed, setTyped] = useState<string | null>(null);
  const formatted = value === undefined ? '' : JSON.stringify(value, null, 2);
  const jsonText = typed !== null && sameJson(typed, value) ? typed : formatted;
  const fieldIds = useMemo(() => fields.map((f) => f.id), [fields]);
  return (
    <fieldset className="sc-rule" data-rule={name}>
      <legend>{label}</legend>
      <div role="tablist" className="sc-rule-tabs">
        <button type="button" role="tab" aria-selected={tab === 'visual'} onClick={() => setTab('visual')}>
          {t('ruleVisual')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'json'} onClick={() => setTab('json')}>
          {t('ruleJson')}
        </button>
      </div>
      {tab === 'visual' ? (
        <GroupEditor node={tree} at={[]} root={tree} setRoot={setTree} fields={fields} name={name} />
      ) : (
        <>
          <LazyJsonEditor
            loading={t('loadingEditor')}
            label={label}
            value={jsonText}
            height={180}
            completions={fieldIds}
            check={(parsed) => ruleIssues(parsed, fields, locale)}
            onChange={(text) => {
              setTyped(text);
              if (text.trim() === '') {
                setJsonError(null);
                return onChange(undefined);
              }
              try {
                const parsed: unknown = JSON.parse(text);
                setJsonError(null);
                onChange(parsed);
              } catch (e) {
                setJsonError(e instanceof Error ? e.message : String(e));
              }
            }}
          />
          {jsonError && <p className="sc-state sc-state-error">{t('jsonInvalid', { m: jsonError })}</p>}
        </>
      )}
      {value !== undefined && <RuleTest rule={value} fields={fields} />}
    </fieldset>
  );
}

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(text.trim() === '' ? undefined : JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return true;
  }
}

function GroupEditor(props: {
  node: RuleNode;
  at: number[];
  root: RuleNode;
  setRoot(n: RuleNode): void;
  fields: readonly Field[];
  name: string;
}) {
  const { node, at, root, setRoot, fields, name } = props;
  const { t, locale } = useDesigner();
  const edit = (path: number[], fn: (n: RuleNode) => RuleNode | null) => setRoot(updateNode(root, path, fn));
  if (node.kind === 'raw')
    return (
      <div className="sc-rule-raw">
        <span className="sc-muted">{t('rawRule')}</span> <code>{JSON.stringify(node.rule)}</code>
        <button type="button" className="sc-link" onClick={() => edit(at, () => null)}>
          {t('remove')}
        </button>
      </div>
    );
  if (node.kind === 'condition') {
    const field = fields.find((f) => f.id === node.field);
    const ops = operatorsFor(field?.type);
    return (
      <div className="sc-rule-condition">
        <select
          aria-label={`${name} ${t('field')}`}
          value={node.field}
          onChange={(e) =>
            edit(at, (n) => ({ ...(n as typeof node), field: e.target.value, value: undefined }))
          }
        >
          {fields.map((f) => (
            <option key={f.id} value={f.id}>
              {localize(f.label, locale)}
            </option>
          ))}
        </select>
        <select
          aria-label={`${name} ${t('operator')}`}
          value={node.operator}
          onChange={(e) => edit(at, (n) => ({ ...(n as typeof node), operator: e.target.value as Operator }))}
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
        {takesValue(node.operator) && (
          <ValueInput
            label={`${name} ${t('value')}`}
            field={field}
            list={node.operator === 'in'}
            value={node.value}
            onChange={(v) => edit(at, (n) => ({ ...(n as typeof node), value: v }))}
          />
        )}
        <button
          type="button"
          className="sc-link"
          aria-label={`${t('remove')} ${name}`}
          onClick={() => edit(at, () => null)}
        >
          ×
        </button>
      </div>
    );
  }
  const first = fields[0];
  return (
    <div className="sc-rule-group">
      <select
        aria-label={`${name} group`}
        value={node.op}
        onChange={(e) => edit(at, (n) => ({ ...(n as typeof node), op: e.target.value as 'and' | 'or' }))}
      >
        <option value="and">{t('and')}</option>
        <option value="or">{t('or')}</option>
      </select>
      <div className="sc-rule-children">
        {node.children.map((child, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tree nodes have no ids; their position is their identity
          <GroupEditor key={`${i}-${child.kind}`} {...props} node={child} at={[...at, i]} />
        ))}
      </div>
      <div className="sc-rule-actions">
        <button
          type="button"
          className="sc-button"
          disabled={!first}
          onClick={() =>
            first &&
            edit(at, (n) => ({
              ...(n as typeof node),
              children: [
                ...(n as typeof node).children,
                { kind: 'condition', field: first.id, operator: operatorsFor(first.type)[0] as Operator },
              ],
            }))
          }
        >
          + {t('addCondition')}
        </button>
        <button
          type="button"
          className="sc-button"
          onClick={() =>
            edit(at, (n) => ({
              ...(n as typeof node),
              children: [...(n as typeof node).children, { kind: 'group', op: 'or', children: [] }],
            }))
          }
        >
          + {t('addGroup')}
        </button>
      </div>
    </div>
  );
}

function RuleTest({ rule, fields }: { rule: unknown; fields: readonly Field[] }) {
  const { t, locale } = useDesigner();
  const [sample, setSample] = useState('{}');
  let result: { ok: boolean; lines: string[] } | string;
  try {
    const data = JSON.parse(sample) as unknown;
    const labels = Object.fromEntries(fields.map((f) => [f.id, f.label]));
    const ex = explain(rule, data, undefined, { locale, labels });
    result = { ok: ex.ok, lines: ex.failed.map((f) => f.text) };
  } catch (e) {
    result = e instanceof Error ? e.message : String(e);
  }
  return (
    <details className="sc-rule-test">
      <summary>{t('ruleTest')}</summary>
      <textarea
        aria-label={t('ruleTest')}
        rows={3}
        value={sample}
        onChange={(e) => setSample(e.target.value)}
      />
      {typeof result === 'string' ? (
        <p className="sc-state sc-state-error">{result}</p>
      ) : result.ok ? (
        <p className="sc-rule-result ok">✓ {t('ruleHolds')}</p>
      ) : (
        <div className="sc-rule-result fail">
          ✗ {t('ruleFails')}
          <ul>
            {result.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
