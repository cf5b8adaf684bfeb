/**
 * A small subset of ICU MessageFormat, enough for this app's strings:
 *
 * - `{name}` inserts a parameter; numbers are formatted for the locale.
 * - `{name, plural, =0 {none} one {# customer} few {# klientów} other {# customers}}` picks a
 *   branch with `Intl.PluralRules` (exact `=N` matches first); `#` inside the branch is the
 *   number formatted for the locale, and branches may hold further `{name}` parameters.
 *
 * Unknown parameters are left visible (`{name}`) so that a missing value shows up in review
 * instead of silently disappearing.
 */

export type MessageParams = Readonly<Record<string, string | number>>;

interface Formatters {
  plural: Intl.PluralRules;
  number: Intl.NumberFormat;
}

const formattersByLocale = new Map<string, Formatters>();

function formattersFor(locale: string): Formatters {
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    formatters = {
      plural: new Intl.PluralRules(locale),
      number: new Intl.NumberFormat(locale),
    };
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "{") depth += 1;
    else if (ch === "}") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Parses `=0 {…} one {…} other {…}` into selector → branch text. */
function parseBranches(body: string): Map<string, string> {
  const branches = new Map<string, string>();
  let i = 0;
  while (i < body.length) {
    while (i < body.length && /\s/.test(body[i] ?? "")) i += 1;
    const open = body.indexOf("{", i);
    if (open < 0) break;
    const selector = body.slice(i, open).trim();
    const close = matchingBrace(body, open);
    if (close < 0) break;
    branches.set(selector, body.slice(open + 1, close));
    i = close + 1;
  }
  return branches;
}

function formatValue(value: string | number, f: Formatters): string {
  return typeof value === "number" ? f.number.format(value) : value;
}

function formatPlural(
  body: string,
  value: string | number | undefined,
  params: MessageParams,
  f: Formatters,
  locale: string,
): string {
  const n = typeof value === "number" ? value : Number(value);
  const branches = parseBranches(body);
  const branch =
    branches.get(`=${n}`) ??
    (Number.isFinite(n) ? branches.get(f.plural.select(n)) : undefined) ??
    branches.get("other") ??
    "";
  const withCount = branch.replace(/#/g, Number.isFinite(n) ? f.number.format(n) : String(value ?? ""));
  return formatMessage(withCount, params, locale);
}

/** Formats `template` for `locale` with `params`. */
export function formatMessage(template: string, params: MessageParams, locale: string): string {
  if (!template.includes("{")) return template;
  const f = formattersFor(locale);
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    if (close < 0) {
      out += template.slice(open);
      break;
    }
    const inner = template.slice(open + 1, close);
    const firstComma = inner.indexOf(",");
    if (firstComma < 0) {
      const name = inner.trim();
      const value = params[name];
      out += value === undefined ? `{${name}}` : formatValue(value, f);
    } else {
      const name = inner.slice(0, firstComma).trim();
      const rest = inner.slice(firstComma + 1);
      const secondComma = rest.indexOf(",");
      const kind = (secondComma < 0 ? rest : rest.slice(0, secondComma)).trim();
      if (kind === "plural" && secondComma >= 0) {
        out += formatPlural(rest.slice(secondComma + 1), params[name], params, f, locale);
      } else {
        out += `{${inner}}`;
      }
    }
    i = close + 1;
  }
  return out;
}
