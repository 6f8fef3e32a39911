// The shape of an error table: code → named parameters and a doc string.
export interface ErrorEntry {
  readonly params: readonly string[];
  readonly doc: string;
}
export type ErrorTable = Readonly<Record<string, ErrorEntry>>;
