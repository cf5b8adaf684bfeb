// Hostile input through the IPC layer, in the real window (issue 8 item 6, SPEC §7).
//
// Every command the app registers is read from the generated bindings (ui/src/bindings.ts), so a
// new command cannot be forgotten: the test fails when one has no entry in CASES below. Each
// command is called through window.__TAURI_INTERNALS__.invoke with
// - generic hostile arguments, made for every command from its parameter list: every argument
//   -1, every argument 1e300, every argument a 1 MB string, and no argument at all (unless every
//   argument is optional: an empty call is then a legitimate call that opens a native dialog);
// - the command's own cases: wrong types, unknown enum values, 1 MB strings, NUL bytes, control
//   characters, out-of-range numbers, huge lists, ids that do not exist, path traversal and
//   system files, SQL-like and script-like text.
// Each case states what must happen: refused by the IPC layer ('ipc': wrong type, missing or
// unknown value), refused by the app with a given error code ('invalidInput', 'notFound', …), or
// accepted harmlessly ('ok': a search for "'; DROP TABLE leads; --" is a search). Destructive
// commands (create, open or delete a workspace's data, replace the CRM list, sync, set or delete
// a credential, change settings) get only arguments that must be refused, and the test proves
// they were: the workspace, its leads, models, reports, schedules, downloads, settings,
// credentials and sync runs are the same afterwards, no file was written outside the reports
// folder, the page was not navigated and the app still answers.
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The commands of the bindings: name -> { params: [{ name, optional }] }. */
export function registeredCommands(bindingsPath) {
  const text = readFileSync(bindingsPath, 'utf8');
  const commands = new Map();
  const re = /^\s*\w+: \(([^)]*)\) => typedError<.*__TAURI_INVOKE\("(\w+)"(?:, \{ ([^}]*) \})?\)\),?$/gm;
  for (const m of text.matchAll(re)) {
    const params = m[1].trim() === '' ? [] : m[1].split(/, (?=\w+: )/).map((p) => {
      const [name, type] = [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1).trim()];
      return { name, optional: /\| null$/.test(type) };
    });
    const keys = m[3] ? m[3].split(',').map((k) => k.trim()) : [];
    if (keys.join() !== params.map((p) => p.name).join()) throw new Error(`bindings: cannot read the parameters of ${m[2]}`);
    commands.set(m[2], { params });
  }
  return commands;
}

const U32_MAX = 4294967295; // a valid u32 that no id reaches: "does not exist"
const BIG = '§BIG§'; // replaced in the page by a 1 MB string
const SQL = "'; DROP TABLE leads; --";
const SCRIPT = '<img src=x onerror="window.__pwned=1">';
// Own `__proto__` and `constructor` keys (JSON.parse makes them own properties, not the prototype).
const JUNK = JSON.parse(JSON.stringify({ path: '../../etc/passwd', id: -1, name: SCRIPT, language: 'xx', constructor: SQL })
  .replace(/^\{/, '{"__proto__": {"polluted": true}, '));

/** The command-specific cases, given what the workspace holds (ctx). */
function cases(ctx, paths) {
  const lead = ctx.leadId;
  const opp = ctx.opportunity;
  const model = ctx.modelId;
  const oppQuery = { tab: 'all', search: '', statuses: [], types: [], dismissed: false, addedFrom: null, addedTo: null, sort: 'dateAdded', descending: true, offset: 0, limit: 50 };
  const filters = { callToAction: [], countries: [], customerName: '', sources: [], leadTypes: [], qualities: [], statuses: [], emailValidity: [], phoneValidity: [], createdFrom: null, createdTo: null };
  const leadQuery = { section: 'all', filters, search: '', sort: 'created', descending: true, offset: 0, limit: 50 };
  const accept = { dealName: 'Probe', estimatedValue: 100, currency: 'EUR', teamMembers: ['Alex'], estimatedClose: '2031-01-01', notes: '', marketingCampaignId: null, crmId: null, moreContacts: [] };
  const modelForm = { name: 'Hostile probe', filter: [], attributes: null, autoRetrain: false, trendTolerance: 5 };
  const spec = { kind: 'm365', name: 'Hostile probe', columns: [], months: 12 };
  const rows = { text: null, area: null, clusters: [], minFit: null, minIntent: null, sort: 'file', offset: 0, limit: 50 };
  const grid = (code) => Array.from({ length: 4 }, () => Array(4).fill(code));
  const read = (cmd, make) => paths.read.map((p) => [cmd, make(p), 'invalidInput', `reads ${JSON.stringify(p).slice(0, 80)}`]);
  const write = (cmd, make) => paths.write.map((p) => [cmd, make(p), 'invalidInput', `writes ${JSON.stringify(p).slice(0, 80)}`]);
  const junk = (cmd) => [[cmd, JUNK, 'ok', 'takes no input and ignores junk arguments']];
  return {
    app_info: [['app_info', { ...JUNK, big: BIG }, 'ok', 'ignores a 1 MB junk argument']],
    get_settings: junk('get_settings'),
    set_language: [
      ['set_language', { language: 'klingon' }, 'ipc'],
      ['set_language', { language: BIG }, 'ipc'],
      ['set_language', { language: { en: true } }, 'ipc'],
    ],
    open_startup_workspace: junk('open_startup_workspace'),
    current_workspace: junk('current_workspace'),
    list_workspaces: junk('list_workspaces'),
    create_workspace: [
      ['create_workspace', { input: { name: BIG, withDemoData: false, passphrase: null } }, 'invalidInput'],
      ['create_workspace', { input: { name: 'Probe\u0000', withDemoData: false, passphrase: null } }, 'invalidInput'],
      ['create_workspace', { input: { name: `${SCRIPT}\n`, withDemoData: false, passphrase: null } }, 'invalidInput'],
      ['create_workspace', { input: { name: '', withDemoData: false, passphrase: null } }, 'invalidInput'],
      ['create_workspace', { input: { name: 'Probe', withDemoData: 'yes', passphrase: null } }, 'ipc'],
      ['create_workspace', { input: { name: 'Probe', withDemoData: false, passphrase: BIG } }, 'invalidInput'],
      ['create_workspace', { input: { name: 'Probe', withDemoData: false, passphrase: 'pass\u0000word' } }, 'invalidInput'],
      ['create_workspace', { input: null }, 'ipc'],
    ],
    open_workspace: [
      ...['../../etc/passwd', '/dev/zero', '/proc/self/environ', '/proc/self', '/etc/passwd', `${ctx.workspacePath}/../..`,
        '\\\\.\\PhysicalDrive0', 'C:\\Windows\\..\\..', '', '   ', '/tmp/a\u0000b', BIG]
        .map((p) => ['open_workspace', { path: p, passphrase: null }, 'invalidInput', `opens ${JSON.stringify(p).slice(0, 60)}`]),
      ['open_workspace', { path: '/no/such/partner-advisor-workspace', passphrase: null }, 'workspaceNotFound'],
      ['open_workspace', { path: ctx.workspacePath, passphrase: BIG }, 'invalidInput'],
      ['open_workspace', { path: ['/'], passphrase: null }, 'ipc'],
    ],
    credential_status: junk('credential_status'),
    set_credential: [
      ['set_credential', { kind: 'entraClientSecret', value: BIG }, 'invalidInput'],
      ['set_credential', { kind: 'entraClientSecret', value: 'a\u0000b' }, 'invalidInput'],
      ['set_credential', { kind: 'entraClientSecret', value: '   ' }, 'invalidInput'],
      ['set_credential', { kind: 'entraTenantId', value: '../../etc/passwd' }, 'invalidInput'],
      ['set_credential', { kind: 'entraTenantId', value: SCRIPT }, 'invalidInput'],
      ['set_credential', { kind: 'entraClientId', value: SQL }, 'invalidInput'],
      ['set_credential', { kind: 'rootPassword', value: 'x' }, 'ipc'],
    ],
    delete_credential: [
      ['delete_credential', { kind: 'rootPassword' }, 'ipc'],
      ['delete_credential', { kind: BIG }, 'ipc'],
      ['delete_credential', { kind: null }, 'ipc'],
    ],
    sync_settings: junk('sync_settings'),
    set_sync_settings: [
      ['set_sync_settings', { settings: { ...ctx.syncSettings, loginUrl: 'javascript:alert(1)' } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, loginUrl: 'http://evil.example.com' } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, partnerCenterUrl: 'file:///etc/passwd' } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, graphUrl: `https://${'a'.repeat(3000)}.example.com` } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, graphUrl: 'https://user:pw@graph.example.com' } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, everyHours: 0 } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, everyHours: 1000000 } }, 'invalidInput'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, everyHours: -1 } }, 'ipc'],
      ['set_sync_settings', { settings: { ...ctx.syncSettings, usagePeriod: 'D9999' } }, 'ipc'],
      ['set_sync_settings', { settings: BIG }, 'ipc'],
    ],
    sync_status: junk('sync_status'),
    run_sync: [
      ['run_sync', { full: 'yes' }, 'ipc'],
      ['run_sync', { full: null }, 'ipc'],
      ['run_sync', { full: BIG }, 'ipc'],
    ],
    sync_queue: junk('sync_queue'),
    resolve_sync_conflict: [
      ['resolve_sync_conflict', { leadId: BIG, resolution: 'keepMine' }, 'invalidInput'],
      ['resolve_sync_conflict', { leadId: 'a\u0000b', resolution: 'keepMine' }, 'invalidInput'],
      ['resolve_sync_conflict', { leadId: 'no-such-lead', resolution: 'keepMine' }, 'notAllowed'],
      ['resolve_sync_conflict', { leadId: SQL, resolution: 'takeTheirs' }, 'notAllowed'],
      ['resolve_sync_conflict', { leadId: lead, resolution: 'burnItAll' }, 'ipc'],
    ],
    cancel_job: [
      ['cancel_job', { jobId: BIG }, 'invalidInput'],
      ['cancel_job', { jobId: 'x\u0000' }, 'invalidInput'],
      ['cancel_job', { jobId: 42 }, 'ipc'],
      ['cancel_job', { jobId: 'no-such-job' }, 'ok', 'no such job: false'],
    ],
    opportunities_overview: [['opportunities_overview', { language: 'xx' }, 'ipc']],
    query_opportunities: [
      ['query_opportunities', { language: 'en', query: { ...oppQuery, search: SQL } }, 'ok', 'SQL-like text is a search'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, search: SCRIPT } }, 'ok', 'script-like text is a search'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, search: BIG } }, 'invalidInput'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, search: 'a\u0000' } }, 'invalidInput'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, limit: 0 } }, 'invalidInput'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, limit: U32_MAX } }, 'invalidInput'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, limit: U32_MAX + 1 } }, 'ipc'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, offset: -1 } }, 'ipc'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, tab: 'evil' } }, 'ipc'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, sort: 'evil' } }, 'ipc'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, statuses: Array(1000).fill('high') } }, 'invalidInput'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, addedFrom: '2024-13-45' } }, 'invalidInput'],
      ['query_opportunities', { language: 'en', query: { ...oppQuery, addedTo: BIG } }, 'invalidInput'],
    ],
    opportunity_detail: [
      ['opportunity_detail', { language: 'en', key: 'no-such-key' }, 'invalidInput'],
      ['opportunity_detail', { language: 'en', key: SQL }, 'invalidInput'],
      ['opportunity_detail', { language: 'en', key: BIG }, 'invalidInput'],
      ['opportunity_detail', { language: 'en', key: 'a\u0000b' }, 'invalidInput'],
    ],
    usage_chart: [
      ['usage_chart', { language: 'en', tenantId: opp.tenantId, workload: null, dark: false }, 'ok', 'control: a real customer'],
      ['usage_chart', { language: 'en', tenantId: 'no-such-tenant', workload: null, dark: false }, 'notFound'],
      ['usage_chart', { language: 'en', tenantId: BIG, workload: null, dark: false }, 'invalidInput'],
      ['usage_chart', { language: 'en', tenantId: opp.tenantId, workload: '../../etc/passwd', dark: false }, 'invalidInput'],
      ['usage_chart', { language: 'en', tenantId: opp.tenantId, workload: BIG, dark: false }, 'invalidInput'],
      ['usage_chart', { language: 'en', tenantId: opp.tenantId, workload: null, dark: 'yes' }, 'ipc'],
    ],
    refresh_opportunities: [['refresh_opportunities', { language: 'xx' }, 'ipc']],
    opportunity_models: [['opportunity_models', { language: 'xx' }, 'ipc']],
    set_opportunity_feedback: [
      ['set_opportunity_feedback', { language: 'en', key: 'no-such-key', feedback: { helpful: true, reason: null, comment: SQL } }, 'invalidInput'],
      ['set_opportunity_feedback', { language: 'en', key: opp.key, feedback: { helpful: true, reason: null, comment: BIG } }, 'invalidInput'],
      ['set_opportunity_feedback', { language: 'en', key: opp.key, feedback: { helpful: true, reason: 'a\u0000', comment: null } }, 'invalidInput'],
      ['set_opportunity_feedback', { language: 'en', key: opp.key, feedback: { helpful: 'yes' } }, 'ipc'],
    ],
    set_opportunity_dismissed: [
      ['set_opportunity_dismissed', { language: 'en', key: 'no-such-key', dismissed: true }, 'invalidInput'],
      ['set_opportunity_dismissed', { language: 'en', key: BIG, dismissed: true }, 'invalidInput'],
      ['set_opportunity_dismissed', { language: 'en', key: opp.key, dismissed: 'yes' }, 'ipc'],
    ],
    export_opportunities: [
      ...write('export_opportunities', (path) => ({ language: 'en', query: { ...oppQuery, limit: U32_MAX }, path })),
      ['export_opportunities', { language: 'en', query: { ...oppQuery, search: BIG }, path: paths.write[0] }, 'invalidInput'],
    ],
    opportunity_settings: junk('opportunity_settings'),
    set_opportunity_settings: [
      ['set_opportunity_settings', { language: 'en', settings: { ...ctx.opportunitySettings, horizonMonths: 1000000000 } }, 'invalidInput'],
      ['set_opportunity_settings', { language: 'en', settings: { ...ctx.opportunitySettings, trialWindowDays: U32_MAX } }, 'invalidInput'],
      ['set_opportunity_settings', { language: 'en', settings: { ...ctx.opportunitySettings, high: 2 } }, 'invalidInput'],
      ['set_opportunity_settings', { language: 'en', settings: { ...ctx.opportunitySettings, trendTolerancePoints: 1e308 } }, 'invalidInput'],
      ['set_opportunity_settings', { language: 'en', settings: { ...ctx.opportunitySettings, smbMinWorkloads: -1 } }, 'ipc'],
      ['set_opportunity_settings', { language: 'en', settings: null }, 'ipc'],
    ],
    import_files: [
      ...read('import_files', (p) => ({ language: 'en', paths: [p], tenant: null, asOf: null })),
      ['import_files', { language: 'en', paths: [], tenant: null, asOf: null }, 'invalidInput'],
      ['import_files', { language: 'en', paths: Array(51).fill(paths.read[0]), tenant: null, asOf: null }, 'invalidInput'],
      ['import_files', { language: 'en', paths: ['/etc/passwd'], tenant: BIG, asOf: null }, 'invalidInput'],
      ['import_files', { language: 'en', paths: ['/etc/passwd'], tenant: 'a\u0000', asOf: null }, 'invalidInput'],
      ['import_files', { language: 'en', paths: ['/etc/passwd'], tenant: null, asOf: '2023-02-29' }, 'invalidInput'],
      ['import_files', { language: 'en', paths: ['/etc/passwd'], tenant: null, asOf: BIG }, 'invalidInput'],
      ['import_files', { language: 'en', paths: BIG, tenant: null, asOf: null }, 'ipc'],
    ],
    leads_overview: junk('leads_overview'),
    query_leads: [
      ['query_leads', { query: { ...leadQuery, search: SQL } }, 'ok', 'SQL-like text is a search'],
      ['query_leads', { query: { ...leadQuery, search: SCRIPT } }, 'ok', 'script-like text is a search'],
      ['query_leads', { query: { ...leadQuery, search: BIG } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, limit: 0 } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, limit: 501 } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, offset: 1e300 } }, 'ipc'],
      ['query_leads', { query: { ...leadQuery, section: 'evil' } }, 'ipc'],
      ['query_leads', { query: { ...leadQuery, sort: 'evil' } }, 'ipc'],
      ['query_leads', { query: { ...leadQuery, filters: { ...filters, countries: Array(1000).fill('ES') } } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, filters: { ...filters, countries: [BIG] } } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, filters: { ...filters, customerName: BIG } } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, filters: { ...filters, createdFrom: '2024-13-01' } } }, 'invalidInput'],
      ['query_leads', { query: { ...leadQuery, filters: BIG } }, 'ipc'],
    ],
    lead_detail: [
      ['lead_detail', { id: 'no-such-lead' }, 'notFound'],
      ['lead_detail', { id: SQL }, 'notFound'],
      ['lead_detail', { id: BIG }, 'invalidInput'],
      ['lead_detail', { id: 'a\u0000b' }, 'invalidInput'],
      ['lead_detail', { id: 42 }, 'ipc'],
    ],
    act_on_lead: [
      ['act_on_lead', { id: 'no-such-lead', action: { kind: 'decline', form: { reason: "Customer didn't respond", notes: SQL } } }, 'notFound'],
      ['act_on_lead', { id: lead, action: { kind: 'nuke', form: {} } }, 'ipc'],
      ['act_on_lead', { id: lead, action: { kind: 'decline', form: { reason: 'Because', notes: '' } } }, 'ipc'],
      ['act_on_lead', { id: lead, action: { kind: 'accept', form: { ...accept, estimatedValue: 1e300 } } }, 'invalidInput'],
      ['act_on_lead', { id: lead, action: { kind: 'accept', form: { ...accept, notes: BIG } } }, 'invalidInput'],
      ['act_on_lead', { id: lead, action: { kind: 'accept', form: { ...accept, dealName: 'Deal\u0000' } } }, 'invalidInput'],
      ['act_on_lead', { id: lead, action: { kind: 'accept', form: { ...accept, teamMembers: Array(1000).fill('Alex') } } }, 'invalidInput'],
      ['act_on_lead', { id: lead, action: { kind: 'edit', form: { ...accept, moreContacts: [{ firstName: BIG, lastName: '', email: '', phone: '' }] } } }, 'invalidInput'],
      ['act_on_lead', { id: lead, action: { kind: 'win', form: { finalValue: -5, notes: '' } } }, 'invalidInput'],
      ['act_on_lead', { id: lead, action: { kind: 'lose', form: { reason: "Customer didn't respond", notes: 'bell\u0007' } } }, 'invalidInput'],
    ],
    set_lead_favourite: [
      ['set_lead_favourite', { id: 'no-such-lead', favourite: true }, 'notFound'],
      ['set_lead_favourite', { id: BIG, favourite: true }, 'invalidInput'],
      ['set_lead_favourite', { id: lead, favourite: 'yes' }, 'ipc'],
    ],
    export_leads: [
      ...write('export_leads', (path) => ({ language: 'en', query: { ...leadQuery, limit: U32_MAX }, path })),
      ['export_leads', { language: 'en', query: { ...leadQuery, search: BIG }, path: paths.write[0] }, 'invalidInput'],
    ],
    lead_scoring_overview: [['lead_scoring_overview', { language: 'xx' }, 'ipc']],
    scoring_version: [
      ['scoring_version', { language: 'en', modelId: U32_MAX, version: 1, dark: false }, 'notFound'],
      ['scoring_version', { language: 'en', modelId: model, version: U32_MAX, dark: false }, 'notFound'],
      ['scoring_version', { language: 'en', modelId: -1, version: 1, dark: false }, 'ipc'],
      ['scoring_version', { language: 'en', modelId: model, version: 1e300, dark: false }, 'ipc'],
    ],
    create_scoring_model: [
      ['create_scoring_model', { language: 'en', form: { ...modelForm, name: BIG } }, 'invalidInput'],
      ['create_scoring_model', { language: 'en', form: { ...modelForm, name: 'Probe\u0000' } }, 'invalidInput'],
      ['create_scoring_model', { language: 'en', form: { ...modelForm, trendTolerance: 255 } }, 'invalidInput'],
      ['create_scoring_model', { language: 'en', form: { ...modelForm, trendTolerance: 256 } }, 'ipc'],
      ['create_scoring_model', { language: 'en', form: { ...modelForm, filter: Array(1000).fill({ attribute: 'industry', values: ['x'] }) } }, 'invalidInput'],
      ['create_scoring_model', { language: 'en', form: { ...modelForm, attributes: ['../../etc/passwd'] } }, 'invalidInput'],
      ['create_scoring_model', { language: 'en', form: BIG }, 'ipc'],
    ],
    update_scoring_model: [
      ['update_scoring_model', { language: 'en', modelId: U32_MAX, form: modelForm }, 'notFound'],
      ['update_scoring_model', { language: 'en', modelId: model, form: { ...modelForm, name: BIG } }, 'invalidInput'],
      ['update_scoring_model', { language: 'en', modelId: model, form: { ...modelForm, trendTolerance: 101 } }, 'invalidInput'],
    ],
    delete_scoring_model: [
      ['delete_scoring_model', { modelId: U32_MAX }, 'notFound'],
      ['delete_scoring_model', { modelId: -1 }, 'ipc'],
      ['delete_scoring_model', { modelId: String(model) }, 'ipc'],
    ],
    set_scoring_model_order: [
      ['set_scoring_model_order', { modelIds: [] }, 'invalidInput'],
      ['set_scoring_model_order', { modelIds: [U32_MAX] }, 'invalidInput'],
      ['set_scoring_model_order', { modelIds: [...ctx.modelIds, ...ctx.modelIds] }, 'invalidInput'],
      ['set_scoring_model_order', { modelIds: Array(1000).fill(model) }, 'invalidInput'],
      ['set_scoring_model_order', { modelIds: [-1] }, 'ipc'],
    ],
    train_scoring_model: [['train_scoring_model', { language: 'en', modelId: U32_MAX }, 'notFound']],
    publish_scoring_version: [
      ['publish_scoring_version', { modelId: U32_MAX, version: 1 }, 'notFound'],
      ['publish_scoring_version', { modelId: model, version: U32_MAX }, 'notFound'],
    ],
    revert_scoring_model: [
      ['revert_scoring_model', { modelId: U32_MAX, version: 1 }, 'notFound'],
      ['revert_scoring_model', { modelId: model, version: U32_MAX }, 'notFound'],
    ],
    set_grade_bound: [
      ['set_grade_bound', { modelId: model, grade: 'A', upper: false, value: 101 }, 'invalidInput'],
      ['set_grade_bound', { modelId: model, grade: 'A', upper: false, value: 255 }, 'invalidInput'],
      ['set_grade_bound', { modelId: model, grade: 'A', upper: false, value: 256 }, 'ipc'],
      ['set_grade_bound', { modelId: model, grade: 'Z', upper: false, value: 80 }, 'ipc'],
      ['set_grade_bound', { modelId: U32_MAX, grade: 'A', upper: false, value: 80 }, 'notFound'],
    ],
    reset_grade_ranges: [['reset_grade_ranges', { modelId: U32_MAX }, 'notFound']],
    lead_score_detail: [
      ['lead_score_detail', { language: 'en', id: 'no-such-lead', dark: false, utcOffsetMinutes: 0 }, 'notFound'],
      ['lead_score_detail', { language: 'en', id: BIG, dark: false, utcOffsetMinutes: 0 }, 'invalidInput'],
      ['lead_score_detail', { language: 'en', id: lead, dark: false, utcOffsetMinutes: 100000 }, 'invalidInput'],
      ['lead_score_detail', { language: 'en', id: lead, dark: false, utcOffsetMinutes: 1e300 }, 'ipc'],
    ],
    customer_field_choices: [['customer_field_choices', { language: 'xx' }, 'ipc']],
    edit_lead_customer: [
      ['edit_lead_customer', { id: 'no-such-lead', form: { industry: 'Retail', companySize: '' } }, 'notFound'],
      ['edit_lead_customer', { id: lead, form: { industry: BIG, companySize: '' } }, 'invalidInput'],
      ['edit_lead_customer', { id: lead, form: { industry: 'Retail\u0000', companySize: '' } }, 'invalidInput'],
      ['edit_lead_customer', { id: lead, form: { industry: 'Retail', companySize: '../../etc/passwd' } }, 'invalidInput'],
    ],
    propensity_catalogue: [['propensity_catalogue', { language: 'xx' }, 'ipc']],
    preview_propensity_report: [
      ['preview_propensity_report', { language: 'en', spec: { ...spec, months: 0 }, limit: 10 }, 'invalidInput'],
      ['preview_propensity_report', { language: 'en', spec: { ...spec, months: 1000000 }, limit: 10 }, 'invalidInput'],
      ['preview_propensity_report', { language: 'en', spec, limit: 0 }, 'invalidInput'],
      ['preview_propensity_report', { language: 'en', spec, limit: 1000000 }, 'invalidInput'],
      ['preview_propensity_report', { language: 'en', spec: { ...spec, name: BIG }, limit: 10 }, 'invalidInput'],
      ['preview_propensity_report', { language: 'en', spec: { ...spec, columns: ['../../etc/passwd'] }, limit: 10 }, 'invalidInput'],
      ['preview_propensity_report', { language: 'en', spec: { ...spec, kind: 'evil' }, limit: 10 }, 'ipc'],
    ],
    generate_propensity_report: [
      ['generate_propensity_report', { language: 'en', spec: { ...spec, name: BIG } }, 'invalidInput'],
      ['generate_propensity_report', { language: 'en', spec: { ...spec, name: 'x\u0000' } }, 'invalidInput'],
      ['generate_propensity_report', { language: 'en', spec: { ...spec, name: '' } }, 'invalidInput'],
      ['generate_propensity_report', { language: 'en', spec: { ...spec, months: 0 } }, 'invalidInput'],
      ['generate_propensity_report', { language: 'en', spec: { ...spec, columns: [SCRIPT] } }, 'invalidInput'],
    ],
    saved_reports: junk('saved_reports'),
    delete_saved_report: [
      ['delete_saved_report', { id: U32_MAX, deleteFile: true }, 'notFound'],
      ['delete_saved_report', { id: -1, deleteFile: false }, 'ipc'],
      ['delete_saved_report', { id: U32_MAX, deleteFile: 'yes' }, 'ipc'],
    ],
    open_saved_report: [['open_saved_report', { id: U32_MAX }, 'notFound'], ['open_saved_report', { id: '../../etc/passwd' }, 'ipc']],
    reveal_saved_report: [['reveal_saved_report', { id: U32_MAX }, 'notFound'], ['reveal_saved_report', { id: -1 }, 'ipc']],
    report_schedules: junk('report_schedules'),
    create_report_schedule: [
      ['create_report_schedule', { language: 'en', spec: { ...spec, months: 0 }, cadence: 'monthly' }, 'invalidInput'],
      ['create_report_schedule', { language: 'en', spec: { ...spec, name: BIG }, cadence: 'monthly' }, 'invalidInput'],
      ['create_report_schedule', { language: 'en', spec, cadence: 'hourly' }, 'ipc'],
    ],
    delete_report_schedule: [['delete_report_schedule', { id: U32_MAX }, 'notFound'], ['delete_report_schedule', { id: -1 }, 'ipc']],
    propensity_settings: junk('propensity_settings'),
    set_cluster_map: [
      ['set_cluster_map', { cells: Array.from({ length: 5 }, () => Array(5).fill('A1')) }, 'invalidInput'],
      ['set_cluster_map', { cells: [['A1']] }, 'invalidInput'],
      ['set_cluster_map', { cells: grid(BIG) }, 'invalidInput'],
      ['set_cluster_map', { cells: grid(SQL) }, 'invalidInput'],
      ['set_cluster_map', { cells: grid('A1') }, 'invalidInput'],
      ['set_cluster_map', { cells: BIG }, 'ipc'],
    ],
    choose_reports_folder: { none: 'takes no input: it opens the native folder picker, whose answer is the user\'s own choice' },
    import_cloudascent_download: [
      ...read('import_cloudascent_download', (path) => ({ path })),
      ['import_cloudascent_download', { path: 42 }, 'ipc'],
    ],
    cloudascent_downloads: junk('cloudascent_downloads'),
    cloudascent_download_rows: [
      ['cloudascent_download_rows', { id: U32_MAX, query: rows }, 'notFound'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, limit: 0 } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, limit: 100000 } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, text: BIG } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, minFit: 1e300 } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, area: BIG } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, area: 'Narnia' } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, clusters: Array(100).fill('A1') } }, 'invalidInput'],
      ['cloudascent_download_rows', { id: ctx.downloadId, query: { ...rows, sort: 'evil' } }, 'ipc'],
    ],
    compare_cloudascent_download: [['compare_cloudascent_download', { id: U32_MAX }, 'notFound'], ['compare_cloudascent_download', { id: -1 }, 'ipc']],
    delete_cloudascent_download: [['delete_cloudascent_download', { id: U32_MAX }, 'notFound'], ['delete_cloudascent_download', { id: -1 }, 'ipc']],
    import_crm_accounts: [...read('import_crm_accounts', (path) => ({ path }))],
    crm_matches: junk('crm_matches'),
    export_crm_matches: [
      ...write('export_crm_matches', (path) => ({ language: 'en', path })),
      ['export_crm_matches', { language: 'xx', path: paths.write[0] }, 'ipc'],
    ],
  };
}

/**
 * Plugin commands the window is not granted (its capability allows only listening to events):
 * the ACL must refuse them all, whatever the arguments.
 */
const UNGRANTED = [
  ['plugin:opener|open_url', { url: 'https://example.com/' }],
  ['plugin:opener|open_path', { path: '/etc/passwd' }],
  ['plugin:opener|reveal_item_in_dir', { paths: ['/etc/passwd'] }],
  ['plugin:dialog|open', { options: {} }],
  ['plugin:dialog|message', { message: 'pwned' }],
  ['plugin:event|emit', { event: 'data-changed', payload: { area: 'leads' } }],
  ['plugin:window|close', { label: 'main' }],
  ['plugin:window|set_title', { label: 'main', value: 'pwned' }],
  ['plugin:webview|create_webview_window', { options: { label: 'evil', url: 'https://example.com/' } }],
  ['plugin:app|app_hide', {}],
  ['plugin:path|resolve_directory', { directory: 1 }],
  ['plugin:fs|read_text_file', { path: '/etc/passwd' }],
  ['plugin:shell|execute', { program: 'sh', args: ['-c', 'id'] }],
].map(([name, args]) => [name, args, 'ipc', 'not granted to the window']);

/** Generic hostile arguments for a command, from its parameter list. */
function genericCases(name, params) {
  if (params.length === 0) return [];
  const all = (value) => Object.fromEntries(params.map((p) => [p.name, value]));
  const out = [
    [name, all(-1), 'error', 'every argument -1'],
    [name, all(1e300), 'error', 'every argument 1e300'],
    [name, all(BIG), 'error', 'every argument a 1 MB string'],
  ];
  // With every argument optional, an empty call is a real call (it opens a native dialog).
  if (!params.every((p) => p.optional)) out.push([name, {}, 'ipc', 'no arguments']);
  return out;
}

/** What the workspace holds, read through the app's own commands. */
async function snapshot(browser, leadId, oppKey) {
  return browser.executeAsync((leadId, oppKey, done) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const oppQuery = { tab: 'all', search: '', statuses: [], types: [], dismissed: false, addedFrom: null, addedTo: null, sort: 'dateAdded', descending: true, offset: 0, limit: 500 };
    Promise.all([
      invoke('current_workspace').then((w) => ({ id: w.id, path: w.path, name: w.name, counts: w.counts, snapshots: w.snapshots.length })),
      invoke('list_workspaces').then((l) => l.map((w) => `${w.id}:${w.path}:${w.isCurrent}`)),
      invoke('leads_overview').then((o) => ({ total: o.total, favourites: o.favourites, needsResponse: o.needsResponse })),
      leadId ? invoke('lead_detail', { id: leadId }).then((d) => ({ status: d.row.substatus ?? d.row.status, favourite: d.row.favourite, history: d.history.length, companySize: d.companySize, industry: d.row.industry })) : null,
      invoke('query_opportunities', { language: 'en', query: oppQuery }).then((p) => ({ total: p.total, row: p.rows.find((r) => r.key === oppKey) ?? null })),
      invoke('query_opportunities', { language: 'en', query: { ...oppQuery, dismissed: true } }).then((p) => p.total),
      invoke('lead_scoring_overview', { language: 'en' }).then((o) => o.models.map((m) => ({ id: m.id, name: m.name, position: m.position, grades: m.grades, versions: m.versions.length, published: m.publishedVersion, trend: m.trendTolerance }))),
      invoke('saved_reports').then((r) => r.map((x) => `${x.id}:${x.status}:${x.fileExists}`)),
      invoke('report_schedules').then((s) => s.length),
      invoke('cloudascent_downloads').then((d) => d.map((x) => x.id)),
      invoke('crm_matches').then((c) => ({ accounts: c.accounts, byDomain: c.byDomain, path: c.path })),
      invoke('sync_status').then((s) => ({ runs: s.runs.length, runningJob: s.runningJob, waiting: s.waiting, credentialsSet: s.credentialsSet })),
      invoke('credential_status'),
      invoke('get_settings'),
      invoke('sync_settings'),
      invoke('opportunity_settings'),
      invoke('propensity_settings'),
    ]).then((parts) => done({ parts }), (e) => done({ error: String(e?.message ?? JSON.stringify(e)) }));
  }, leadId, oppKey);
}

/**
 * Runs every case in the window (the reports folder and the workspace's ids are read from the app
 * first). Throws with every failed expectation.
 */
export async function hostileIpc(browser, { bindingsPath }) {
  const registered = registeredCommands(bindingsPath);
  if (registered.size < 60) throw new Error(`only ${registered.size} commands read from ${bindingsPath}`);

  const ctx = await browser.executeAsync((done) => {
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const filters = { callToAction: [], countries: [], customerName: '', sources: [], leadTypes: [], qualities: [], statuses: [], emailValidity: [], phoneValidity: [], createdFrom: null, createdTo: null };
    Promise.all([
      invoke('query_leads', { query: { section: 'all', filters, search: '', sort: 'created', descending: true, offset: 0, limit: 5 } }),
      invoke('query_opportunities', { language: 'en', query: { tab: 'all', search: '', statuses: [], types: [], dismissed: false, addedFrom: null, addedTo: null, sort: 'dateAdded', descending: true, offset: 0, limit: 5 } }),
      invoke('lead_scoring_overview', { language: 'en' }),
      invoke('propensity_settings'),
      invoke('current_workspace'),
      invoke('cloudascent_downloads'),
      invoke('sync_settings'),
      invoke('opportunity_settings'),
    ]).then(([leads, opps, scoring, propensity, workspace, downloads, syncSettings, opportunitySettings]) => done({
      leadId: leads.rows[0]?.id,
      opportunity: { key: opps.rows[0]?.key, tenantId: opps.rows[0]?.tenantId },
      modelId: scoring.models[0]?.id,
      modelIds: scoring.models.map((m) => m.id),
      reportsFolder: propensity.reportsFolder,
      workspacePath: workspace.path,
      downloadId: downloads[0]?.id ?? 1,
      syncSettings,
      opportunitySettings,
    }), (e) => done({ error: String(e?.message ?? JSON.stringify(e)) }));
  });
  if (ctx.error) throw new Error(`reading the workspace: ${ctx.error}`);
  if (!ctx.leadId || !ctx.opportunity.key || !ctx.modelId) throw new Error(`the workspace lacks a lead, an opportunity or a model: ${JSON.stringify(ctx).slice(0, 300)}`);

  // Files the cases aim at: a CSV outside the reports folder, a link from inside it to outside.
  const outside = mkdtempSync(join(tmpdir(), 'pa-hostile-'));
  const tag = Math.random().toString(36).slice(2, 8);
  const reports = ctx.reportsFolder;
  const outsideCsv = join(outside, 'outside.csv');
  writeFileSync(outsideCsv, 'CustomerName,Domain\nContoso,contoso.com\n');
  const linkTarget = join(outside, 'target.csv');
  writeFileSync(linkTarget, 'untouched\n');
  const link = join(reports, `link-${tag}.csv`);
  symlinkSync(linkTarget, link);
  const mustNotExist = [
    join(outside, 'written.csv'), join(reports, '..', `escape-${tag}.csv`), `/tmp/pa-hostile-escape-${tag}.csv`,
    join(reports, `probe-${tag}.exe`), join(ctx.workspacePath, `hostile-${tag}.csv`),
  ];
  const paths = {
    read: ['../../etc/passwd', '/etc/passwd', '/proc/self/environ', '/dev/zero', '/dev/stdin', `${reports}/../escape.csv`,
      `${reports}/x\u0000.csv`, BIG, '', outsideCsv, link, `${reports}/missing-${tag}.csv`, 'C:\\Windows\\System32\\config\\SAM',
      '\\\\.\\PhysicalDrive0', join(ctx.workspacePath, 'workspace.json'), join(ctx.workspacePath, 'workspace.db')],
    write: [join(outside, 'written.csv'), `../../tmp/pa-hostile-escape-${tag}.csv`, `${reports}/../escape-${tag}.csv`,
      join(reports, `probe-${tag}.exe`), join(reports, 'NUL.csv'), join(reports, `none-${tag}`, 'x.csv'), '/dev/null', '/dev/zero',
      '/proc/self/environ', join(ctx.workspacePath, `hostile-${tag}.csv`), `${reports}/x\u0000.csv`, link, BIG, '',
      join(ctx.workspacePath, 'workspace.db')],
  };

  const table = cases(ctx, paths);
  const missing = [...registered.keys()].filter((name) => !(name in table));
  const stale = Object.keys(table).filter((name) => !registered.has(name));
  if (missing.length || stale.length) {
    throw new Error(`every registered command needs hostile cases: none for ${missing.join(', ') || '-'}; cases for unknown commands ${stale.join(', ') || '-'}`);
  }
  const all = [];
  for (const [name, { params }] of registered) {
    const own = table[name];
    if (!Array.isArray(own)) continue; // documented as having no input
    if (own.length === 0 || own.some((c) => c[0] !== name)) throw new Error(`the cases of ${name} are malformed`);
    all.push(...genericCases(name, params), ...own);
  }
  all.push(...UNGRANTED);

  const before = await snapshot(browser, ctx.leadId, ctx.opportunity.key);
  if (before.error) throw new Error(`state before: ${before.error}`);
  await browser.setTimeout({ script: 300000 });
  const started = Date.now();
  const outcome = await browser.executeAsync((allCases, done) => {
    const BIG = 'A'.repeat(1 << 20);
    const expand = (v) => (v === '§BIG§' ? BIG : Array.isArray(v) ? v.map(expand)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)])) : v);
    window.__hostileMarker = 'still here';
    const href = location.href;
    const invoke = window.__TAURI_INTERNALS__.invoke;
    const answer = (c) => new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ outcome: 'timeout' }), 20000);
      let args;
      try { args = expand(c[1]); } catch (e) { resolve({ outcome: 'harness', detail: String(e) }); return; }
      Promise.resolve().then(() => invoke(c[0], args)).then(
        (value) => { clearTimeout(timer); resolve({ outcome: 'ok', detail: JSON.stringify(value ?? null).slice(0, 120) }); },
        (e) => {
          clearTimeout(timer);
          if (e && typeof e === 'object' && typeof e.code === 'string') resolve({ outcome: 'app', code: e.code, detail: String(e.message).slice(0, 200) });
          else resolve({ outcome: 'ipc', detail: String(e?.message ?? e).slice(0, 200) });
        },
      );
    });
    (async () => {
      const results = [];
      for (const c of allCases) results.push(await answer(c));
      const alive = await invoke('app_info').then((i) => Boolean(i.version), () => false);
      done({ results, alive, sameHref: location.href === href, marker: window.__hostileMarker, pwned: window.__pwned ?? null, polluted: ({}).polluted ?? null });
    })();
  }, all);
  const elapsed = Date.now() - started;

  const failures = [];
  outcome.results.forEach((r, i) => {
    const [name, args, expect, note] = all[i];
    const ok = expect === 'ok' ? r.outcome === 'ok'
      : expect === 'error' ? r.outcome === 'ipc' || r.outcome === 'app'
        : expect === 'ipc' ? r.outcome === 'ipc'
          : r.outcome === 'app' && r.code === expect;
    if (!ok) {
      const shown = JSON.stringify(args).replaceAll(BIG, '<1 MB>').slice(0, 160);
      failures.push(`${name} ${shown}${note ? ` (${note})` : ''}: expected ${expect}, got ${r.outcome}${r.code ? ` ${r.code}` : ''}: ${r.detail ?? ''}`);
    }
  });
  if (!outcome.alive) failures.push('the app no longer answers app_info');
  if (!outcome.sameHref || outcome.marker !== 'still here') failures.push('the page was navigated or reloaded');
  if (outcome.pwned !== null) failures.push('an injected script ran');
  if (outcome.polluted !== null) failures.push('Object.prototype was polluted');

  const after = await snapshot(browser, ctx.leadId, ctx.opportunity.key);
  if (after.error) failures.push(`state after: ${after.error}`);
  const labels = ['workspace', 'workspaces', 'leads', 'lead', 'opportunities', 'dismissed', 'scoring models', 'saved reports', 'schedules',
    'CloudAscent downloads', 'CRM list', 'sync', 'credentials', 'settings', 'sync settings', 'opportunity settings', 'propensity settings'];
  before.parts?.forEach((part, i) => {
    const a = JSON.stringify(part);
    const b = JSON.stringify(after.parts?.[i]);
    if (a !== b) failures.push(`the ${labels[i]} changed: ${a.slice(0, 200)} -> ${String(b).slice(0, 200)}`);
  });
  for (const f of mustNotExist) if (existsSync(f)) failures.push(`a file was written: ${f}`);
  if (readFileSync(linkTarget, 'utf8') !== 'untouched\n') failures.push('the file behind the link was overwritten');
  rmSync(link, { force: true });
  rmSync(outside, { recursive: true, force: true });

  const byOutcome = outcome.results.reduce((m, r) => ({ ...m, [r.outcome]: (m[r.outcome] ?? 0) + 1 }), {});
  const callable = [...registered.keys()].filter((n) => Array.isArray(table[n]));
  console.log(`figure: hostile IPC: ${all.length} calls over ${callable.length} of ${registered.size} commands and ${UNGRANTED.length} ungranted plugin commands `
    + `(${Object.entries(byOutcome).map(([k, v]) => `${v} ${k}`).join(', ')}) in ${elapsed} ms; `
    + `not called: ${[...registered.keys()].filter((n) => !Array.isArray(table[n])).map((n) => `${n} (${table[n].none})`).join('; ')}`);
  if (failures.length) throw new Error(`${failures.length} hostile call(s) misbehaved:\n    ${failures.slice(0, 40).join('\n    ')}`);
}

/**
 * Remote content is refused: a fetch, an image, a script, a stylesheet and a frame from another
 * origin raise CSP violations and never reach it (a local server counts what reaches it, so a
 * refusal cannot be mistaken for a connection error); inline script and eval do not run; the
 * window neither navigates to that server nor opens another window.
 */
export async function remoteContentBlocked(browser) {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : req.url.endsWith('.css') ? 'text/css' : 'text/html' });
    res.end(req.url.endsWith('.js') ? 'window.__remoteRan = true;' : '<title>away</title><p>remote</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  try {
    const handles = (await browser.getWindowHandles()).length;
    const seen = await browser.executeAsync((origin, done) => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective || e.violatedDirective, uri: e.blockedURI }));
      const loaded = (el) => new Promise((resolve) => {
        el.addEventListener('load', () => resolve('loaded'));
        el.addEventListener('error', () => resolve('refused'));
        setTimeout(() => resolve('no answer'), 3000);
      });
      (async () => {
        const out = {};
        out.fetch = await fetch(`${origin}/fetch`).then(() => 'loaded', () => 'refused');
        out.fetchRemote = await fetch('https://example.com/').then(() => 'loaded', () => 'refused');
        const img = document.createElement('img');
        img.src = `${origin}/x.png`;
        document.body.append(img);
        out.img = await loaded(img);
        const script = document.createElement('script');
        script.src = `${origin}/x.js`;
        document.body.append(script);
        out.script = await loaded(script);
        const css = document.createElement('link');
        css.rel = 'stylesheet';
        css.href = `${origin}/x.css`;
        document.head.append(css);
        out.css = await loaded(css);
        const inline = document.createElement('script');
        inline.textContent = 'window.__inlineRan = true;';
        document.body.append(inline);
        try { out.eval = (0, eval)('"ran"'); } catch { out.eval = 'refused'; }
        try { out.fn = new Function('return "ran"')(); } catch { out.fn = 'refused'; }
        const frame = document.createElement('iframe');
        frame.src = `${origin}/frame`;
        document.body.append(frame);
        out.opened = String(window.open(`${origin}/popup`));
        await new Promise((r) => setTimeout(r, 1000));
        out.inline = window.__inlineRan === true ? 'ran' : 'refused';
        out.remote = window.__remoteRan === true ? 'ran' : 'refused';
        for (const el of [img, script, css, inline, frame]) el.remove();
        done({ out, violations });
      })();
    }, origin);
    // The window tries to leave for the server (in its own call: if it left, the script's page is gone).
    await browser.execute((url) => { window.__remoteMarker = 'still here'; setTimeout(() => { location.href = url; }, 0); }, `${origin}/away`);
    await browser.pause(2000);
    const after = await browser.execute(() => ({ marker: window.__remoteMarker ?? null, title: document.title }));
    const { out, violations } = seen;
    const directive = (d) => violations.some((v) => v.directive?.startsWith(d));
    const failures = [];
    for (const k of ['fetch', 'fetchRemote', 'img', 'script', 'css']) if (out[k] !== 'refused') failures.push(`${k}: ${out[k]}`);
    for (const k of ['eval', 'fn', 'inline', 'remote']) if (out[k] !== 'refused') failures.push(`${k} ran`);
    for (const d of ['connect-src', 'img-src', 'script-src', 'style-src', 'frame-src']) if (!directive(d)) failures.push(`no ${d} violation`);
    if (!violations.some((v) => v.uri?.startsWith(origin))) failures.push(`no violation names ${origin}`);
    if (after.marker !== 'still here') failures.push(`the window navigated away (now "${after.title}")`);
    if ((await browser.getWindowHandles()).length !== handles) failures.push('a new window opened');
    if (out.opened !== 'null') failures.push(`window.open returned ${out.opened}`);
    if (hits.length) failures.push(`the server was reached: ${hits.join(', ')}`);
    console.log(`figure: CSP violations seen: ${[...new Set(violations.map((v) => v.directive))].join(', ')}`);
    if (failures.length) throw new Error(`remote content: ${failures.join('; ')} (violations: ${JSON.stringify(violations).slice(0, 400)})`);
  } finally {
    server.close();
  }
}
