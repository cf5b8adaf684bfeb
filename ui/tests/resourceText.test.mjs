import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTs } from "./support/loadTs.mjs";

const { resourceText } = await loadTs("opportunities/flyout", ["resourceText"]);
const { parseResourceBody } = resourceText;

test("resource bodies: paragraphs keep their line breaks, bullets and steps become lists", () => {
  const body = "Hello Anna,\n\nWe suggest:\n- Defender for Office 365\n- MFA for everyone\n\n1. Book a call\n2. Run the demo\n   in 15 minutes\n\nBest regards,\nAna\n";
  assert.deepEqual(parseResourceBody(body), [
    { kind: "paragraph", text: "Hello Anna," },
    { kind: "paragraph", text: "We suggest:" },
    { kind: "bullets", items: ["Defender for Office 365", "MFA for everyone"] },
    { kind: "steps", start: 1, items: ["Book a call", "Run the demo in 15 minutes"] },
    { kind: "paragraph", text: "Best regards,\nAna" },
  ]);
});

test("resource bodies: CRLF, numbering that starts later, and markup kept as text", () => {
  assert.deepEqual(parseResourceBody("3. Third\r\n4. Fourth"), [{ kind: "steps", start: 3, items: ["Third", "Fourth"] }]);
  assert.deepEqual(parseResourceBody("<b>bold</b> & more"), [{ kind: "paragraph", text: "<b>bold</b> & more" }]);
  assert.deepEqual(parseResourceBody("\n\n"), []);
});
