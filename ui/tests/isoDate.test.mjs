import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTs } from "./support/loadTs.mjs";

const { isoDate } = await loadTs("forms", ["isoDate"]);
const { parseIsoDate } = isoDate;

test("typed dates: empty, real calendar dates (normalised to YYYY-MM-DD), and the rest refused", () => {
  assert.deepEqual(parseIsoDate(""), { kind: "empty" });
  assert.deepEqual(parseIsoDate("   "), { kind: "empty" });
  assert.deepEqual(parseIsoDate("2025-03-31"), { kind: "date", iso: "2025-03-31" });
  assert.deepEqual(parseIsoDate(" 2025-3-5 "), { kind: "date", iso: "2025-03-05" });
  assert.deepEqual(parseIsoDate("2025/03/05"), { kind: "date", iso: "2025-03-05" });
  assert.deepEqual(parseIsoDate("2025.12.01"), { kind: "date", iso: "2025-12-01" });
  assert.deepEqual(parseIsoDate("2024-02-29"), { kind: "date", iso: "2024-02-29" });
  for (const text of ["2025-02-29", "2025-02-30", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00", "31/03/2025", "03/31/2025", "2025-03", "20250331", "today", "2025-03-31x", "0000-01-01"]) {
    assert.deepEqual(parseIsoDate(text), { kind: "invalid" }, text);
  }
});
