/**
 * JSON Schema of the definition language, generated from the zod models (input side: what a person
 * or the designer writes, defaults still optional). Monaco uses it for completion in the designer's
 * JSON editor, ajv users for validation, and the reference docs are rendered from it.
 */
import { z } from 'zod';
import { App } from '../documents/app.js';
import type { DocumentKind } from '../migrations/kinds.js';
import { DOCUMENT_MODELS } from '../validate/validate-document.js';

/** A JSON Schema document (draft-07, the dialect Monaco and ajv's default build speak). */
export type JsonSchema = Record<string, unknown>;

function toJsonSchema(model: z.ZodType): JsonSchema {
  return z.toJSONSchema(model, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
}

/** The JSON Schema of a whole app document. Shape only: references between documents are checked by validateApp. */
export function appJsonSchema(): JsonSchema {
  return toJsonSchema(App);
}

/** The JSON Schema of one document kind, for files holding a single document. */
export function documentJsonSchema(kind: DocumentKind): JsonSchema {
  return kind === 'app' ? appJsonSchema() : toJsonSchema(DOCUMENT_MODELS[kind]);
}
