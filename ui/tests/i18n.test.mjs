import { test } from "node:test";
import assert from "node:assert/strict";
import { loadTs } from "./support/loadTs.mjs";

const { en: enModule, es: esModule, fr: frModule, pl: plModule, messageFormat } = await loadTs("i18n", ["en", "es", "fr", "pl", "messageFormat"]);
const en = enModule.en;
const TRANSLATIONS = { es: esModule.es, fr: frModule.fr, pl: plModule.pl };
const { formatMessage } = messageFormat;
const LOCALES = { en: "en", es: "es", fr: "fr", pl: "pl" };

/** Parameters of a message: plural ones (numbers) and plain ones, from the English source. */
function parametersOf(template) {
  const plural = new Set([...template.matchAll(/\{\s*(\w+)\s*,\s*plural\s*,/g)].map((m) => m[1]));
  const plain = new Set([...template.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]).filter((name) => !plural.has(name)));
  return { plural: [...plural], plain: [...plain] };
}

test("every English key exists, non-empty, in Spanish, French and Polish, and no other key does", () => {
  const keys = Object.keys(en);
  assert.ok(keys.length > 150, `en has ${keys.length} keys`);
  for (const [language, messages] of Object.entries(TRANSLATIONS)) {
    for (const key of keys) {
      assert.equal(typeof messages[key], "string", `${language} lacks ${key}`);
      assert.ok(messages[key].trim().length > 0, `${language}.${key} is empty`);
    }
    assert.deepEqual(Object.keys(messages).filter((k) => !(k in en)), [], `${language} has keys that en lacks`);
  }
});

test("translations are translated: most messages differ from English", () => {
  for (const [language, messages] of Object.entries(TRANSLATIONS)) {
    const keys = Object.keys(en);
    const same = keys.filter((key) => messages[key] === en[key]);
    const share = 1 - same.length / keys.length;
    assert.ok(share > 0.85, `${language}: only ${(share * 100).toFixed(0)}% differ; identical: ${same.join(", ")}`);
    // What may stay identical: names, codes and short words shared by both languages.
    for (const key of same) {
      assert.ok(en[key].length <= 20 || key === "app.title", `${language}.${key} looks untranslated: "${en[key]}"`);
    }
  }
});

test("every message formats in every language with the English parameters, leaving nothing raw", () => {
  for (const [language, messages] of Object.entries({ en, ...TRANSLATIONS })) {
    for (const [key, source] of Object.entries(en)) {
      const { plural, plain } = parametersOf(source);
      for (const n of [0, 1, 2, 5, 22, 1000000]) {
        const params = Object.fromEntries([...plural.map((p) => [p, n]), ...plain.map((p) => [p, `⟦${p}⟧`])]);
        const text = formatMessage(messages[key], params, LOCALES[language]);
        assert.doesNotMatch(text, /[{}#]/, `${language}.${key} with ${n}: "${text}"`);
        if (n === 5) {
          for (const p of plain) assert.ok(text.includes(`⟦${p}⟧`), `${language}.${key} drops {${p}}: "${text}"`);
        }
      }
    }
  }
});

test("Polish messages give each count its one, few and many forms", () => {
  for (const [key, message] of Object.entries(TRANSLATIONS.pl)) {
    for (const block of message.matchAll(/\{\s*\w+\s*,\s*plural\s*,((?:[^{}]|\{[^{}]*\})*)\}/g)) {
      for (const form of ["one", "few", "many"]) {
        assert.match(block[1], new RegExp(`(^|\\s)${form}\\s*\\{`), `pl.${key} lacks "${form}"`);
      }
    }
  }
});

test("plural forms and numbers follow the locale", () => {
  const snapshots = TRANSLATIONS.pl["data.snapshots.count"];
  assert.equal(formatMessage(snapshots, { count: 1 }, "pl"), "1 migawka");
  assert.equal(formatMessage(snapshots, { count: 3 }, "pl"), "3 migawki");
  assert.equal(formatMessage(snapshots, { count: 5 }, "pl"), "5 migawek");
  assert.equal(formatMessage(snapshots, { count: 22 }, "pl"), "22 migawki");
  assert.equal(formatMessage(en["data.snapshots.count"], { count: 1 }, "en"), "1 snapshot");
  assert.equal(formatMessage(en["data.snapshots.count"], { count: 1200 }, "en-US"), "1,200 snapshots");
  assert.equal(formatMessage(en["page.leads.facts"], { leads: 0 }, "en"), "This workspace holds no leads yet.");
  assert.equal(formatMessage("{done} of {total}", { done: 1500, total: 3000 }, "en-US"), "1,500 of 3,000");
  assert.equal(formatMessage("Hello {name}", {}, "en"), "Hello {name}", "a missing parameter stays visible");
});
