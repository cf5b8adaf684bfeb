// CRM matching for the UI tests (crmMock.mjs): the snapshot's customers (the propensity fixtures'
// ones) and CRM account lists the native open dialog hands over: accounts that match the
// customers by web domain (with scheme, www. and path, as CRMs export them), by name with another
// legal suffix or accents, or by TPID only, and accounts of no customer.
import { AS_OF, CUSTOMERS } from "./propensityFixtures.mjs";

const hex = (n, width) => n.toString(16).padStart(width, "0");
/** A stable tenant ID per customer. */
export const tenantIdOf = (i) => `${hex(0x3f2a0000 + i, 8)}-7c1d-4e2b-9a40-${hex(0x5b0000000000 + i * 97, 12)}`;

/** The snapshot's customers as CRM matching reads them. */
export const CRM_CUSTOMERS = CUSTOMERS.map((c, i) => ({ tenantId: tenantIdOf(i), tpid: c.tpid, name: c.name, domain: c.domain }));

const stripSuffix = (name) => name.replace(/ (Ltd|Sp\. z o\.o\.|GmbH|S\.A\.|Inc|SAS) (\d+)$/, " $2");

/**
 * A Dynamics export of `n` accounts: the first `byDomain` customers by website, the next
 * `byName` by name with another legal suffix, `byTpid` by TPID only, then accounts of nobody.
 */
export function crmList({ byDomain = 180, byName = 120, byTpid = 40, others = 35, fileName = "Dynamics accounts.csv" } = {}) {
  const accounts = [];
  let n = 0;
  const id = () => `ACC-${String(10001 + n++)}`;
  CRM_CUSTOMERS.slice(0, byDomain).forEach((c) => accounts.push({ crmId: id(), name: `${c.name} (HQ)`, domain: `https://www.${c.domain}/contact`, tpid: null }));
  CRM_CUSTOMERS.slice(byDomain, byDomain + byName).forEach((c, i) =>
    accounts.push({ crmId: id(), name: `${stripSuffix(c.name)}${i % 2 ? " Inc." : " Limited"}`, domain: null, tpid: null }),
  );
  CRM_CUSTOMERS.slice(byDomain + byName, byDomain + byName + byTpid).forEach((c) => accounts.push({ crmId: id(), name: `Account ${c.tpid}`, domain: null, tpid: c.tpid }));
  for (let i = 0; i < others; i += 1) accounts.push({ crmId: id(), name: `Prospect ${i + 1} GmbH`, domain: `prospect${i + 1}.example.org`, tpid: null });
  return { fileName, accounts, encoding: "UTF-16 LE", delimiter: "\t", warnings: [] };
}

/** The mock's starting state: no accounts stored; the open and save dialogs' answers, in order. */
export function crmState({ accounts = [], openPicks = [null], savePicks = [null] } = {}) {
  return { asOf: AS_OF, customers: CRM_CUSTOMERS, accounts, openPicks, savePicks, exports: [] };
}
