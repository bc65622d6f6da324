import { errors } from '../errors.js';
import { aggregateMessage } from '../field-errors.js';
import { isLabelKey } from './validation.js';
import { requirementErrors, selectorOf, type Operator, type Requirement, type Selector } from './selector.js';

/**
 * The label selector string grammar of upstream's labels.Parse: a lexer for
 * identifiers and the symbols = == != ! ( ) , > < and the keywords in / notin, and a
 * recursive-descent parser. Error texts are upstream's, and the API server sends them
 * unchanged as 400 messages.
 */

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';
interface Item {
  tok: Tok;
  lit: string;
}

const SYMBOLS: Readonly<Record<string, Tok>> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };
const KEYWORDS = new Map<string, Tok>([
  ['in', 'in'],
  ['notin', 'notin'],
]);

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

/** lex splits s into items, ending with eos; a symbol run that forms no token is an error item. */
function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (isSpecial(s[pos]!)) {
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buf += s[pos];
        const t = Object.prototype.hasOwnProperty.call(SYMBOLS, buf) ? SYMBOLS[buf] : undefined;
        if (t) last = { tok: t, lit: buf };
        else if (last) break;
        pos++;
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < s.length && !isSpecial(s[pos]!) && !isWhitespace(s[pos]!)) buf += s[pos++];
    items.push({ tok: KEYWORDS.get(buf) ?? 'id', lit: buf });
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  /** In value context the keywords in/notin are plain identifiers. */
  private peek(values = true): Item {
    const it = this.items[Math.min(this.pos, this.items.length - 1)]!;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }
  private next(values = true): Item {
    const it = this.peek(values);
    if (this.pos < this.items.length - 1) this.pos++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'eos') return reqs;
      if (tok !== 'id' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        reqs.push(this.requirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      const t = this.next();
      if (t.tok === 'eos') return reqs;
      if (t.tok !== ',') throw new Error(`found '${t.lit}', expected: ',' or 'end of string'`);
      const t2 = this.peek();
      if (t2.tok !== 'id' && t2.tok !== '!') throw new Error(`found '${t2.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let op: Operator | undefined;
    let t = this.next();
    if (t.tok === '!') {
      op = '!';
      t = this.next();
    }
    if (t.tok !== 'id') throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isLabelKey(key);
    if (keyErrs.length) throw new Error(`<nil>: Invalid value: ${JSON.stringify(key)}: ${keyErrs.join('; ')}`);
    const la = this.peek().tok;
    if (la === 'eos' || la === ',') return build(key, op ?? 'exists', []);
    if (op === '!') return build(key, op, []); // upstream: DoesNotExist never takes an operator
    const o = this.next(false);
    const ops: Partial<Record<Tok, Operator>> = { in: 'in', notin: 'notin', '=': '=', '==': '==', '!=': '!=', '>': 'gt', '<': 'lt' };
    op = ops[o.tok];
    if (!op) throw new Error(`found '${o.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    const vals = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return build(key, op, [...new Set(vals)].sort());
  }

  private setValues(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek();
    if (tok === ')') {
      this.next();
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
    const out = this.identifiers();
    if (this.next().tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
    return out;
  }

  private identifiers(): string[] {
    const s: string[] = [];
    for (;;) {
      const { tok, lit } = this.next();
      if (tok === 'id') {
        s.push(lit);
        const t2 = this.peek();
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return s;
        throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new Error(`found '${lit}', expected: ',', or identifier`);
      if (s.length === 0) s.push('');
      const t2 = this.peek().tok;
      if (t2 === ')') {
        s.push('');
        return s;
      }
      if (t2 === ',') {
        this.next();
        s.push('');
      }
    }
  }

  private exactValue(): string[] {
    const la = this.peek().tok;
    if (la === 'eos' || la === ',') return [''];
    const t = this.next();
    if (t.tok === 'id') return [t.lit];
    throw new Error(`found '${t.lit}', expected: identifier`);
  }
}

function build(key: string, op: Operator, vals: string[]): Requirement {
  const errs = requirementErrors(key, op, vals);
  if (errs.length) throw new Error(aggregateMessage(errs));
  return { key, operator: op, values: vals };
}

/**
 * parseSelector is upstream's labels.Parse. Syntax errors are thrown as 400 BadRequest
 * with upstream's message, which is what kube-apiserver answers for a bad labelSelector.
 */
export function parseSelector(s: string): Selector {
  let reqs: Requirement[];
  try {
    reqs = new Parser(lex(s)).parse();
  } catch (e) {
    throw errors.badRequest((e as Error).message);
  }
  return selectorOf(reqs);
}
