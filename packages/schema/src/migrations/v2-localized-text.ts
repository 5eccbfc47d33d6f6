/**
 * Migration 1 → 2. Version 1 accepted a plain string wherever a localized text is expected
 * (`"label": "商机"`); version 2 requires `{ "zh-CN": …, "en"?: … }`. A string with CJK characters
 * becomes `{ "zh-CN": s }`, any other string `{ "en": s }`.
 *
 * The places that hold localized text are listed here as they were in version 1, so this migration
 * keeps working however the current models change. Rules, values and options maps are never walked.
 */
import type { DocumentKind } from './kinds.js';

interface Shape {
  texts?: readonly string[];
  children?: Readonly<Record<string, Shape>>;
}

const option: Shape = { texts: ['label'] };
const leafField: Shape = { texts: ['label', 'help'], children: { options: option } };
const field: Shape = { texts: ['label', 'help'], children: { options: option, fields: leafField } };
const criterion: Shape = { texts: ['message'] };

const shapes: Record<DocumentKind, Shape> = {
  entity: { texts: ['label', 'pluralLabel', 'description'], children: { fields: field } },
  form: {
    texts: ['label'],
    children: { sections: { texts: ['label', 'description'], children: { items: { texts: ['help'] } } } },
  },
  view: { texts: ['label'], children: { aggregates: { texts: ['label'] } } },
  stageMachine: {
    texts: ['label'],
    children: {
      stages: { texts: ['label', 'guidance'], children: { keyFields: { texts: ['guidance'] } } },
      transitions: {
        texts: ['label'],
        children: {
          entryCriteria: criterion,
          exitCriteria: criterion,
          fields: { children: { validation: criterion } },
          evidence: { texts: ['label', 'help'] },
        },
      },
    },
  },
  validationRule: { texts: ['label', 'message'] },
  dashboard: {
    texts: ['label'],
    children: {
      widgets: {
        texts: ['label'],
        children: { measures: { texts: ['label'] }, dimensions: { texts: ['label'] } },
      },
    },
  },
  automation: { texts: ['label'], children: { actions: { texts: ['title', 'message'] } } },
  approval: {
    texts: ['label'],
    children: { steps: { texts: ['label'], children: { branches: { texts: ['label'] } } } },
  },
  role: { texts: ['label', 'description'] },
  // Performance documents came after version 1; a version-1 app holding them still gets its
  // plain-string labels converted like every other document's.
  goal: { texts: ['label'] },
  forecast: { texts: ['label'], children: { factors: { texts: ['label'] } } },
  scorecard: { texts: ['label'], children: { metrics: { texts: ['label'] } } },
  /** The app's own texts; its embedded documents are migrated one by one with their own kind. */
  app: { texts: ['label', 'description'], children: { navigation: { texts: ['label'] } } },
};

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** The version-2 form of a version-1 plain-string text. */
export function toLocalizedText(text: string): { 'zh-CN': string } | { en: string } {
  return CJK.test(text) ? { 'zh-CN': text } : { en: text };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return value.map((item) => walk(item, shape));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = { ...value };
  for (const key of shape.texts ?? []) {
    const text = out[key];
    if (typeof text === 'string') out[key] = toLocalizedText(text);
  }
  for (const [key, child] of Object.entries(shape.children ?? {})) {
    if (key in out) out[key] = walk(out[key], child);
  }
  return out;
}

/** Rewrites plain-string texts of a document of the given kind; returns a new object. */
export function localizeTexts(doc: unknown, kind: DocumentKind): unknown {
  return walk(doc, shapes[kind]);
}
