// Where a command's results go. xe has three shapes of output — tables of
// records, lists of lines, and messages — and two modes: the normal one and
// `--minimal` (the first column of every record, comma-separated, on one
// line). `--json` is xapi-ts's addition: one JSON document for the command.
import { escapeMinimal, renderRecord, type Json } from './format.js';

export interface Writable {
  write(s: string | Uint8Array): unknown;
}

/** One printed field: its title with xe's qualifier tag, its text, its JSON value. */
export interface Cell {
  readonly name: string;
  readonly title: string;
  readonly text: string;
  readonly json: Json;
}

export type Mode = 'normal' | 'minimal' | 'json';

export class Printer {
  private readonly minimalBuffer: string[] = [];
  private readonly jsonBuffer: Json[] = [];

  constructor(
    private readonly stdout: Writable,
    readonly mode: Mode,
  ) {}

  /** Records, each a list of cells, in xe's table format. */
  table(records: readonly (readonly Cell[])[]): void {
    if (this.mode === 'minimal') {
      // xe adds nothing for an empty table, yet still ends the line on flush.
      if (records.length > 0 && (records[0] as readonly Cell[]).length > 0) {
        this.minimalBuffer.push(records.map((r) => escapeMinimal(r[0]?.text ?? '')).join(','));
      }
    } else if (this.mode === 'json') {
      this.jsonBuffer.push(records.map((r) => Object.fromEntries(r.map((c) => [c.name, c.json]))));
    } else {
      for (const r of records) this.stdout.write(`${renderRecord(r.map((c) => [c.title, c.text]))}\n\n`);
    }
  }

  /** Lines (uuids of new objects, values of parameters). */
  list(items: readonly string[], json?: Json): void {
    if (this.mode === 'minimal') this.minimalBuffer.push(items.map(escapeMinimal).join(','));
    else if (this.mode === 'json')
      this.jsonBuffer.push(json ?? (items.length === 1 ? (items[0] as string) : items));
    else for (const s of items) this.stdout.write(`${s}\n`);
  }

  /** A message for people; `--minimal` drops it, `--json` keeps it as a string. */
  msg(s: string): void {
    if (this.mode === 'normal') this.stdout.write(`${s}\n`);
    else if (this.mode === 'json') this.jsonBuffer.push(s);
  }

  flush(): void {
    if (this.mode === 'minimal') this.stdout.write(`${this.minimalBuffer.join(',')}\n`);
    else if (this.mode === 'json' && this.jsonBuffer.length > 0) {
      const doc = this.jsonBuffer.length === 1 ? this.jsonBuffer[0] : this.jsonBuffer;
      this.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    }
  }
}
