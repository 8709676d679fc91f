/**
 * The bench's tables, printed as they are measured and gathered into one Markdown file people can
 * read (test-results/bench/results.md), from the same rows.
 */
type Row = Record<string, unknown>;
type Section = { title: string; rows: readonly Row[] };

export function createReport() {
  const sections: Section[] = [];
  return {
    /** One table: a list of rows, one row of figures, or named rows (an object of objects). */
    add(title: string, rows: readonly Row[] | Row): void {
      const list = toRows(rows);
      console.log(`\n${title}`);
      console.table(list);
      sections.push({ title, rows: list });
    },
    markdown(measuredAt: string): string {
      const body = sections.map(({ title, rows }) => `## ${title}\n\n${markdownTable(rows)}`).join("\n\n");
      return `# npm run bench\n\nMeasured ${measuredAt} on ${process.platform}/${process.arch}, Node ${process.version}. Each ratio is against the baseline named in its table, measured on the same machine in the same run.\n\n${body}\n`;
    },
  };
}

export function toRows(rows: readonly Row[] | Row): readonly Row[] {
  if (Array.isArray(rows)) return rows as readonly Row[];
  const entries = Object.entries(rows);
  const named = entries.length > 0 && entries.every(([, value]) => typeof value === "object" && value !== null && !Array.isArray(value));
  return named ? entries.map(([name, value]) => ({ measure: name, ...(value as Row) })) : [rows as Row];
}

export function markdownTable(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const text = (value: unknown) =>
    value === null || value === undefined ? "" : typeof value === "number" ? value.toLocaleString("en-US") : typeof value === "object" ? JSON.stringify(value) : String(value);
  const cell = (value: unknown) => text(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
  const header = `| ${columns.join(" | ")} |`;
  const rule = `| ${columns.map(() => "---").join(" | ")} |`;
  const lines = rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(" | ")} |`);
  return [header, rule, ...lines].join("\n");
}
