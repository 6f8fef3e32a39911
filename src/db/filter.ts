// The get_all_records_where expression language (xapi's db_filter):
//   exp   ::= exp "or" exp | exp "and" exp | "not" exp | "(" exp ")" | "true" | "false"
//           | operand "=" operand
//   operand ::= "field" STRING | STRING          STRING = "..." (no escapes)
// Precedence, loosest first: or, and, not. Columns are DB column names
// (FieldDecl.dbName, namespaces joined with `__`); comparison is on the
// stored string form of the value (see storedString).
import { apiError } from '../datamodel/api-error.js';
import type { ClassDecl, Ty, Value } from '../datamodel/types.js';
import { Typed } from '../datamodel/types.js';

export type Operand =
  { readonly kind: 'field'; readonly name: string } | { readonly kind: 'literal'; readonly value: string };

export type FilterExpr =
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'not'; readonly expr: FilterExpr }
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: 'eq'; readonly left: Operand; readonly right: Operand };

/** A parsed expression and the text it came from (for error reports). */
export interface Filter {
  readonly source: string;
  readonly expr: FilterExpr;
}

type Token =
  | { readonly t: 'word'; readonly w: 'field' | 'and' | 'or' | 'not' | 'true' | 'false'; readonly at: number }
  | { readonly t: 'string'; readonly s: string; readonly at: number }
  | { readonly t: '(' | ')' | '=' | 'end'; readonly at: number };

const WORDS = new Set(['field', 'and', 'or', 'not', 'true', 'false']);

class FilterSyntaxError extends Error {}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === '=') {
      out.push({ t: c, at: i });
      i++;
    } else if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new FilterSyntaxError(`unterminated string at offset ${i}`);
      out.push({ t: 'string', s: src.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (/[a-z]/i.test(c)) {
      let j = i;
      while (j < src.length && /[a-z_]/i.test(src[j] as string)) j++;
      const w = src.slice(i, j);
      if (!WORDS.has(w)) throw new FilterSyntaxError(`unexpected word '${w}' at offset ${i}`);
      out.push({ t: 'word', w: w as 'field', at: i });
      i = j;
    } else {
      throw new FilterSyntaxError(`unexpected character '${c}' at offset ${i}`);
    }
  }
  out.push({ t: 'end', at: src.length });
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly toks: readonly Token[]) {}

  private peek(): Token {
    return this.toks[this.pos] as Token;
  }
  private next(): Token {
    return this.toks[this.pos++] as Token;
  }
  private isWord(w: string): boolean {
    const t = this.peek();
    return t.t === 'word' && t.w === w;
  }
  private fail(what: string): never {
    const t = this.peek();
    const got = t.t === 'end' ? 'end of input' : `'${t.t === 'word' ? t.w : t.t}'`;
    throw new FilterSyntaxError(`expected ${what} but found ${got} at offset ${t.at}`);
  }

  parse(): FilterExpr {
    const e = this.or();
    if (this.peek().t !== 'end') this.fail('end of input');
    return e;
  }
  private or(): FilterExpr {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }
  private and(): FilterExpr {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }
  private unary(): FilterExpr {
    const t = this.peek();
    if (t.t === 'word' && t.w === 'not') {
      this.next();
      return { kind: 'not', expr: this.unary() };
    }
    if (t.t === 'word' && (t.w === 'true' || t.w === 'false')) {
      this.next();
      return { kind: t.w };
    }
    if (t.t === '(') {
      this.next();
      const e = this.or();
      if (this.peek().t !== ')') this.fail("')'");
      this.next();
      return e;
    }
    const left = this.operand();
    if (this.peek().t !== '=') this.fail("'='");
    this.next();
    return { kind: 'eq', left, right: this.operand() };
  }
  private operand(): Operand {
    const t = this.peek();
    if (t.t === 'string') {
      this.next();
      return { kind: 'literal', value: t.s };
    }
    if (t.t === 'word' && t.w === 'field') {
      this.next();
      const s = this.peek();
      if (s.t !== 'string') this.fail('a quoted column name');
      this.next();
      return { kind: 'field', name: s.s };
    }
    return this.fail("'field', a quoted literal, 'true', 'false', 'not' or '('");
  }
}

/** Parse an expression; syntax errors are INVALID_VALUE [expr, reason]. */
export function parseFilter(source: string): Filter {
  try {
    return { source, expr: new Parser(tokenize(source)).parse() };
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw apiError('INVALID_VALUE', { field: source, value: e.message });
    throw e;
  }
}

// xapi stores sets and maps as S-expressions: ('a' 'b') and (('k' 'v')).
function sexpAtom(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The string form under which xapi's database stores a field value. */
export function storedString(v: Value | undefined, ty: Ty): string {
  if (v === undefined) return '';
  if (v instanceof Typed) return storedString(v.value, v.ty);
  switch (ty.kind) {
    case 'set':
      return `(${(v as readonly Value[]).map((x) => sexpAtom(storedString(x, ty.of))).join(' ')})`;
    case 'map':
      return `(${Object.entries(v as Record<string, Value>)
        .map(([k, x]) => `(${sexpAtom(k)} ${sexpAtom(storedString(x, ty.value))})`)
        .join(' ')})`;
    case 'option':
      return storedString(v, ty.of);
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

export type RowPredicate = (row: { readonly [field: string]: Value | undefined }) => boolean;

/**
 * Compile a filter against a class. An unknown column is INVALID_VALUE
 * [expr, reason]; it is reported even if evaluation would not reach it.
 */
export function compileFilter(filter: Filter, cls: ClassDecl): RowPredicate {
  const byDbName = new Map(cls.fields.map((f) => [f.dbName, f]));
  const operand = (o: Operand): ((row: Parameters<RowPredicate>[0]) => string) => {
    if (o.kind === 'literal') {
      const value = o.value;
      return () => value;
    }
    const f = byDbName.get(o.name);
    if (!f) {
      throw apiError('INVALID_VALUE', {
        field: filter.source,
        value: `unknown column '${o.name}' of ${cls.name}`,
      });
    }
    return (row) => storedString(row[f.name], f.ty);
  };
  const build = (e: FilterExpr): RowPredicate => {
    switch (e.kind) {
      case 'true':
        return () => true;
      case 'false':
        return () => false;
      case 'not': {
        const p = build(e.expr);
        return (r) => !p(r);
      }
      case 'and': {
        const [l, r] = [build(e.left), build(e.right)];
        return (row) => l(row) && r(row);
      }
      case 'or': {
        const [l, r] = [build(e.left), build(e.right)];
        return (row) => l(row) || r(row);
      }
      case 'eq': {
        const [l, r] = [operand(e.left), operand(e.right)];
        return (row) => l(row) === r(row);
      }
    }
  };
  return build(filter.expr);
}
