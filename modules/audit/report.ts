/** The audit's report: verify's proof of the deployed documents, then drift, additions and Access Analyzer findings. */
import type { Config } from '../config';
import { consoleReport, markdownReport, VerifyResult } from '../verify';
import type { Audited } from './deployed';

export const auditOk = (r: VerifyResult, a: Audited) =>
  r.ok && !a.drift.length && !a.extra.length && !a.analyzer.length;

const cell = (t: string) => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function auditMarkdown(config: Config, folder: string, r: VerifyResult, a: Audited): string {
  const proof = markdownReport(config, `${folder} (deployed, substituted into the synthesized output)`, r)
    .split('\n')
    .slice(2); // its own header lines
  const out = ['<!-- audit-report -->', '# Audit report', ''];
  out.push(
    `Collected: \`${folder}\` (${a.sources.join(', ')}); config bucket \`${config.producer.bucket.name}\` in account ${config.producer.accountId}.`,
    '',
    auditOk(r, a)
      ? '**Result: as intended.** What is deployed proves the same as what was synthesized, with no drift and no active Access Analyzer finding.'
      : `**Result: FINDINGS.** ${r.findings.length} verify finding(s) on the deployed documents, ${a.drift.length} drifted attribute(s), ${a.extra.length} thing(s) deployed that the output does not create, ${a.analyzer.length} active Access Analyzer finding(s).`,
    '',
    '## Drift (deployed against synthesized, per attribute)',
    '',
  );
  if (!a.drift.length) out.push('None.', '');
  else {
    out.push('| Where | Attribute | Difference |', '| --- | --- | --- |');
    for (const d of a.drift) out.push(`| \`${cell(d.where)}\` | ${cell(d.attribute)} | ${cell(d.message)} |`);
    out.push('');
  }
  out.push('## Deployed, not synthesized', '');
  if (!a.extra.length) out.push('None.', '');
  else out.push(...a.extra.map((d) => `- \`${d.where}\`: ${d.message}`), '');
  out.push('## Active IAM Access Analyzer findings', '');
  if (!a.analyzer.length) out.push('None (the archive rules cover exactly the intended external access).', '');
  else {
    out.push('| Finding | Resource | Principal | Actions |', '| --- | --- | --- | --- |');
    for (const f of a.analyzer)
      out.push(`| ${cell(f.id)} | \`${cell(f.resource)}\` | \`${cell(f.principal)}\` | ${cell(f.actions)} |`);
    out.push('');
  }
  if (a.notes.length) out.push('## Notes', '', ...a.notes.map((n) => `- ${n}`), '');
  out.push('## The proof of the deployed documents (verify)', '', ...proof);
  return `${out.join('\n').trimEnd()}\n`;
}

export function auditConsole(config: Config, r: VerifyResult, a: Audited): string {
  const lines = [consoleReport(config, r)];
  for (const d of a.drift) lines.push(`DRIFT ${d.where} ${d.attribute}: ${d.message}`);
  for (const d of a.extra) lines.push(`NOT SYNTHESIZED ${d.where}: ${d.message}`);
  for (const f of a.analyzer)
    lines.push(`ACCESS ANALYZER ${f.id}: ${f.resource} reachable by ${f.principal} (${f.actions})`);
  for (const n of a.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}
