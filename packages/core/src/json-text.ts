/**
 * JSON.parse with errors a person can act on: `line 3, column 7` instead of `at position 18`, and the
 * offending line quoted.
 */
export class JsonSyntaxError extends SyntaxError {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, line?: number, column?: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.line = line;
    this.column = column;
  }
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/**
 * Parses JSON; a syntax error names the line and column (`what`: the file, for the message), e.g.
 * `topology file t.json is not JSON: line 7, column 14: Unexpected number` and the line, marked.
 */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
    const reason = message
      .replace(/\s*(in JSON )?at position \d+.*$/, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    if (offset === undefined) throw new JsonSyntaxError(`${what}: ${reason}`);
    const { line, column } = lineColumn(text, offset);
    const source = text.split('\n')[line - 1] ?? '';
    const shown = source.length > 120 ? `${source.slice(Math.max(0, column - 60), column + 60)}` : source;
    throw new JsonSyntaxError(
      `${what}: line ${line}, column ${column}: ${reason}\n  ${shown.replace(/\t/g, ' ')}\n  ${' '.repeat(Math.max(0, source.length > 120 ? Math.min(column - 1, 59) : column - 1))}^`,
      line,
      column,
    );
  }
}
