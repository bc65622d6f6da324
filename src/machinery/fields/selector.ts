import { errors } from '../errors.js';

/**
 * Field selectors as upstream's fields.ParseSelector parses them: comma-separated
 * terms, each `field=value`, `field==value` or `field!=value`, ANDed. In a value,
 * backslash escapes `\`, `,` and `=`; an unescaped `,` splits terms and an unescaped
 * `=` in a value is an error. Errors are 400 with upstream's text.
 */

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export type Fields = Record<string, string>;

export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
  /** matches reads absent fields as "" (upstream's Fields.Get). */
  matches(fields: Fields): boolean;
  empty(): boolean;
  toString(): string;
  requiresExactMatch(field: string): string | undefined;
  /** transform renames/validates each requirement (upstream's Selector.Transform). */
  transform(fn: (field: string, value: string) => [string, string]): FieldSelector;
}

function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const OPERATORS = ['!=', '==', '='] as const;

function splitTerm(term: string): [string, (typeof OPERATORS)[number], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
  }
  return undefined;
}

/** unescapeValue is upstream's UnescapeValue. */
export function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw errors.badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw errors.badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw errors.badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** escapeValue is upstream's EscapeValue, for building selectors. */
export function escapeValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fieldSelectorOf builds a selector from already-parsed requirements. */
export function fieldSelectorOf(reqs: readonly FieldRequirement[]): FieldSelector {
  const own = (f: Fields, k: string) => (Object.prototype.hasOwnProperty.call(f, k) ? (f[k] ?? '') : '');
  return {
    requirements: reqs,
    matches: (fields) => reqs.every((r) => (own(fields, r.field) === r.value) === (r.operator === '=')),
    empty: () => reqs.length === 0,
    toString: () => reqs.map((r) => `${r.field}${r.operator}${r.value}`).join(','),
    requiresExactMatch: (field) => reqs.find((r) => r.field === field && r.operator === '=')?.value,
    transform: (fn) =>
      fieldSelectorOf(
        reqs.map((r) => {
          const [field, value] = fn(r.field, r.value);
          return { field, operator: r.operator, value };
        }),
      ),
  };
}

/** parseFieldSelector is upstream's fields.ParseSelector; terms are sorted as upstream sorts them. */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort();
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = t;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rhs) });
  }
  return fieldSelectorOf(reqs);
}
