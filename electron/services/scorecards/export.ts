import { deskPdf } from '../pdf';
import type { ExportFile, StandupSummary } from '../../../shared/contract/scorecards';
import type { AtRiskEntry } from '../../../shared/rules/scorecards/tiers';
import { TIERS } from '../../../shared/domain';
import { weekLabel } from '../../../shared/rules/scorecards/weeks';
import { attendanceFigures } from '../../../shared/rules/scorecards/attendance';
import { csvFile } from '../csv';

export function atRiskCsv(list: AtRiskEntry[], week: string | null): ExportFile {
  return csvFile(
    `at-risk-${week ?? 'none'}.csv`,
    ['Rank', 'Name', 'Transporter ID', 'Tier', 'Previous tier', 'Score', 'Reason'],
    list.map((a, i) => [i + 1, a.name, a.transporterId, a.tier ?? '', a.previousTier ?? '', a.score, a.reason]),
  );
}

const n = (v: number | null) => (v == null ? 'no data yet' : v.toLocaleString('en-US'));

/** One A4/Letter page: yesterday, scorecard, topic, plans due, training due, grounded vans. */
export async function standupPdf(s: StandupSummary, stationName: string): Promise<ExportFile> {
  const { doc, done } = deskPdf({ size: 'LETTER', margin: 40, info: { Title: `Stand-up ${s.date}` } });
  const W = doc.page.width - 80;
  const bottom = doc.page.height - 50;
  const h = (t: string) => {
    doc.moveDown(0.5).font('bold').fontSize(12).fillColor('#1f3a5f').text(t).moveDown(0.15).font('body').fontSize(9.5).fillColor('#222');
  };
  const line = (t: string) => {
    if (doc.y < bottom) doc.text(t, { width: W });
  };

  doc.font('bold').fontSize(18).fillColor('#111').text(`Daily stand-up — ${s.date}`);
  doc.font('body').fontSize(10).fillColor('#555').text(stationName);

  h('Safety topic of the day');
  if (s.topic) {
    doc.font('bold').text(s.topic.title);
    doc.font('body');
    if (s.topic.body) line(s.topic.body);
  } else line('No safety topics in the library yet.');

  const y = s.yesterday;
  h(`Yesterday (${y.date}) in numbers`);
  line(
    `Routes run: ${y.routesRun == null ? 'no data yet' : `${y.routesRun} of ${y.routesPlanned} planned`}    Packages: ${n(y.packages)}    ` +
      `On-time returns: ${y.returnsOnTime == null ? 'no data yet' : `${y.returnsOnTime} of ${y.returned}`}    RTS late: ${n(y.returnsLate)}    ` +
      `Rescues: ${n(y.rescues)}    Incidents: ${n(y.incidents)}`,
  );
  // Attendance as the stand-up screen shows it (the same figures of the same answer).
  line('Attendance: ' + attendanceFigures(y.attendance).map((f) => `${f.label}: ${f.value}${f.sub ? ` (${f.sub})` : ''}`).join('    '));
  if (y.notes.length) doc.fillColor('#666').text(y.notes.join('. ') + '.', { width: W }).fillColor('#222');

  h('Latest scorecard');
  const sc = s.scorecard;
  if (!sc) line('No scorecard imported yet.');
  else {
    line(`${weekLabel(sc.week)} — company standing: ${sc.companyScore == null ? 'not entered' : sc.companyScore.toFixed(1)}${sc.companyTier ? ' | ' + sc.companyTier : ''}`);
    line('Tiers: ' + [...TIERS].reverse().map((t) => `${t} ${sc.tiers[t]}`).join('   '));
    if (sc.moversUp.length) line('Up: ' + sc.moversUp.map((m) => `${m.name} (${m.from}→${m.to})`).join(', '));
    if (sc.moversDown.length) line('Down: ' + sc.moversDown.map((m) => `${m.name} (${m.from}→${m.to})`).join(', '));
    if (sc.recognitions.length) line('Recognitions (Fantastic+): ' + sc.recognitions.slice(0, 12).map((r) => (r.weeksFantasticPlus > 1 ? `${r.name} (${r.weeksFantasticPlus} wks)` : r.name)).join(', '));
  }

  if (s.atRisk.length) {
    h('At risk');
    for (const a of s.atRisk.slice(0, 6)) line(`• ${a.name} — ${a.reason}`);
  }

  h('Action plans due today');
  if (s.plansDueToday.length === 0) line('None.');
  for (const p of s.plansDueToday.slice(0, 6)) line(`• ${p.driverName}: ${p.finding} (${p.status}${p.overdue ? ', overdue' : ''})`);
  if (s.plansDueToday.length > 6) line(`… and ${s.plansDueToday.length - 6} more`);

  h('Training due this week');
  if (s.trainingDueThisWeek.length === 0 && s.trainingExpired.length === 0) line('None.');
  for (const t of s.trainingDueThisWeek.slice(0, 5)) line(`• ${t.driverName}: ${t.courseName} expires ${t.expiresOn}`);
  if (s.trainingExpired.length) line(`Expired mandatory training: ${s.trainingExpired.slice(0, 8).map((t) => `${t.driverName} (${t.courseName})`).join(', ')}${s.trainingExpired.length > 8 ? ` and ${s.trainingExpired.length - 8} more` : ''}`);

  h('Grounded vans');
  if (s.groundedVans.length === 0) line('None — every van is ready.');
  for (const v of s.groundedVans.slice(0, 6)) line(`• ${v.name}: ${v.reason || v.status}`);

  doc.end();
  return { fileName: `standup-${s.date}.pdf`, mimeType: 'application/pdf', base64: (await done).toString('base64') };
}
