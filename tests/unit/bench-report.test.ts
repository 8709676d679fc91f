import { describe, expect, it } from "vitest";
import { markdownTable, toRows } from "../bench/report";

describe("markdownTable", () => {
  it("has a column for every key in any row, formats numbers, and keeps pipes and line breaks out of the layout", () => {
    const table = markdownTable([
      { measure: "a | b", value: 12_345.5 },
      { measure: "two\nlines", ratio: 0.9, note: null },
    ]);
    expect(table.split("\n")).toEqual([
      "| measure | value | ratio | note |",
      "| --- | --- | --- | --- |",
      "| a \\| b | 12,345.5 |  |  |",
      "| two lines |  | 0.9 |  |",
    ]);
  });

  it("turns named rows (an object of objects) into one row each, and writes a nested value as JSON", () => {
    expect(toRows({ creditsRatio: { measured: 0.27, met: false }, shown: { measured: "105/105", met: true } })).toEqual([
      { measure: "creditsRatio", measured: 0.27, met: false },
      { measure: "shown", measured: "105/105", met: true },
    ]);
    expect(toRows({ pages: 333, jumpPx: 0 })).toEqual([{ pages: 333, jumpPx: 0 }]);
    expect(markdownTable([{ nested: { a: 1 } }]).split("\n")[2]).toBe('| {"a":1} |');
  });
});
