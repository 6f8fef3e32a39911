// The import graph of a TypeScript source tree, read with TypeScript's own
// parser, and its cycles. Every edge counts, type-only ones included: a cycle
// through types alone is erased at run time but still ties the modules into
// one knot that cannot be understood, moved or layered apart. Dynamic
// `import()` counts too, so a cycle cannot be hidden behind a lazy load.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** module (path relative to the root, with `/`) → the modules it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The relative module specifiers of one file: imports, re-exports, `import()` and `import('…')` types. */
export function specifiersOf(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      out.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

/** The import graph of every `.ts` file under `dir` (declaration files aside), test files included. */
export function importGraph(dir: string): ImportGraph {
  const root = resolve(dir);
  const files = sourceFiles(root);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const key = (p: string): string => relative(root, p).split('\\').join('/');
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of specifiersOf(file, readFileSync(file, 'utf8'))) {
      // ESM sources name their imports with the extension of the compiled file.
      const base = resolve(dirname(file), spec);
      const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')];
      const hit = candidates.find((c) => known.has(c));
      if (hit) targets.add(key(hit));
    }
    graph.set(key(file), [...targets].sort());
  }
  return graph;
}

/**
 * The cycles of a graph: each strongly connected component of more than one
 * module (or a module importing itself), sorted, with one cycle through it as
 * the witness (`a → b → … → a`) so a failure says which imports to look at.
 */
export interface ImportCycle {
  /** Every module of the knot, sorted. */
  readonly modules: readonly string[];
  /** One cycle through it, from its first module back to that module. */
  readonly witness: readonly string[];
}

export function importCycles(graph: ImportGraph): ImportCycle[] {
  // Tarjan's algorithm, iterative so that deep trees cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let m: string;
        do {
          m = stack.pop() as string;
          onStack.delete(m);
          component.push(m);
        } while (m !== frame.node);
        const self = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || self) components.push(component.sort());
      }
    }
  }
  return components
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string))
    .map((modules) => ({ modules, witness: witness(graph, modules) }));
}

/** One cycle inside a strongly connected component, from its first module back to it (breadth first). */
function witness(graph: ImportGraph, component: readonly string[]): string[] {
  const inside = new Set(component);
  const from = component[0] as string;
  const prev = new Map<string, string>();
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i] as string;
    for (const to of graph.get(n) ?? []) {
      if (!inside.has(to)) continue;
      if (to === from) {
        const path = [n];
        while (path[0] !== from) path.unshift(prev.get(path[0] as string) as string);
        return [...path, from];
      }
      if (!prev.has(to)) {
        prev.set(to, n);
        queue.push(to);
      }
    }
  }
  return [from, from];
}
