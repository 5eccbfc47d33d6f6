import { type Locale, type LocalizedText, localize } from '@stagecraft/schema';
import { argumentsOf, operationOf } from '../operators/descriptor.js';
import { OPERATORS } from '../operators/table.js';

/** Writes a rule clause in the user's terms: field labels instead of ids, numbers grouped, words localized. */

const INFIX: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷', '%': 'mod' };
const WORDS = {
  en: { empty: 'empty', yes: 'yes', no: 'no', or: ' or ', and: ' and ', list: ', ' },
  'zh-CN': { empty: '空', yes: '是', no: '否', or: ' 或 ', and: ' 且 ', list: '、' },
} as const;

export class Renderer {
  private readonly numbers: Intl.NumberFormat;
  constructor(
    readonly locale: Locale,
    private readonly labels: Record<string, LocalizedText>,
  ) {
    this.numbers = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US', {
      maximumFractionDigits: 6,
    });
  }

  get words() {
    return WORDS[this.locale];
  }

  field(path: string): string {
    const [first, ...rest] = path.split('.');
    const label = localize(this.labels[first as string], this.locale) || (first as string);
    return [label, ...rest].join('.');
  }

  /** A list of field paths, by label. */
  fields(keys: unknown[]): string {
    return keys.map((k) => (typeof k === 'string' ? this.field(k) : this.node(k))).join(this.words.list);
  }

  /** A value of the record or a literal of the rule. */
  value(v: unknown): string {
    if (v === null || v === undefined || v === '') return this.words.empty;
    if (typeof v === 'number') return this.numbers.format(v);
    if (typeof v === 'boolean') return v ? this.words.yes : this.words.no;
    if (typeof v === 'string') return this.locale === 'zh-CN' ? `“${v}”` : `"${v}"`;
    if (Array.isArray(v)) return v.map((x) => this.value(x)).join(this.words.list);
    return JSON.stringify(v);
  }

  /** A node of the rule. */
  node(node: unknown): string {
    if (Array.isArray(node)) return node.map((n) => this.node(n)).join(this.words.list);
    const operation = operationOf(node);
    if (!operation) return this.value(node);
    const { op } = operation;
    const args = argumentsOf(operation.args);
    if (op === 'var')
      return typeof args[0] === 'string' || typeof args[0] === 'number'
        ? this.field(String(args[0]))
        : this.node(args[0]);
    if (op === 'missing') {
      const keys = Array.isArray(args[0]) ? args[0] : args;
      return this.fill(OPERATORS.get(op)?.explain, [this.fields(keys)]);
    }
    if (op === 'missing_some') {
      const keys = Array.isArray(args[1]) ? args[1] : [];
      return this.fill(OPERATORS.get(op)?.explain, [this.node(args[0]), this.fields(keys)]);
    }
    if (op === 'changed' || op === 'previous')
      return this.fill(OPERATORS.get(op)?.explain, [
        typeof args[0] === 'string' ? this.field(args[0]) : this.node(args[0]),
      ]);
    if (op === 'and' || op === 'or')
      return args.map((a) => this.node(a)).join(op === 'and' ? this.words.and : this.words.or);
    const infix = INFIX[op];
    if (infix) return args.map((a) => this.node(a)).join(` ${infix} `);
    const template = OPERATORS.get(op)?.explain;
    if (template)
      return this.fill(
        template,
        args.map((a) => this.node(a)),
      );
    return `${op}(${args.map((a) => this.node(a)).join(', ')})`;
  }

  private fill(template: LocalizedText | undefined, parts: string[]): string {
    const text = localize(template, this.locale) || parts.join(' ');
    return text.replace(/\{(\d)\}/g, (_, i: string) => parts[Number(i)] ?? '');
  }
}
