/** The report's stylesheet: readable on screen, and on paper (A4 or Letter, charts scaled to fit). */
export const REPORT_CSS = `
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #dadce0; --accent: #1a5fb4; --good: #2e7d32; --bad: #b3261e; --panel: #f6f8fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 "DejaVu Sans", Verdana, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 6px 0 10px; }
.meta { color: var(--muted); font-size: 13.5px; margin: 0 0 12px; }
.description { margin: 0 0 16px; max-width: 80ch; }
details > summary { cursor: pointer; color: var(--accent); margin: 4px 0 8px; }
table.assumptions td { font-size: 12.5px; }
table.assumptions td:nth-child(2) { min-width: 9em; }
.verdict { border-left: 5px solid var(--accent); background: var(--panel); padding: 14px 18px; margin: 16px 0 8px; border-radius: 0 6px 6px 0; }
.verdict.none { border-left-color: var(--bad); }
.verdict .headline { font-size: 18px; font-weight: bold; line-height: 1.4; margin: 0 0 8px; }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
.verdict li { margin: 3px 0; }
nav.toc { font-size: 13.5px; color: var(--muted); margin: 8px 0 0; }
nav.toc a { color: var(--accent); text-decoration: none; margin-right: 14px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: right; }
th { font-weight: bold; background: var(--panel); border-bottom: 2px solid #bbb; }
th:first-child, td:first-child { text-align: left; }
td.text, th.text { text-align: left; }
th .sub { display: block; font-weight: normal; color: var(--muted); font-size: 12px; }
td .sub { display: block; color: var(--muted); font-size: 12px; white-space: nowrap; }
td.pos { color: var(--good); }
td.neg { color: var(--bad); }
tr.baseline td { background: #fbfbfb; }
td .sub.wrap { white-space: normal; }
td.strong { font-weight: bold; }
tr.first td { background: #eef4fb; }
table.evidence td { font-size: 12.5px; }
table.evidence td:first-child { min-width: 16em; }
.ok { color: var(--good); font-weight: bold; }
.miss { color: var(--bad); font-weight: bold; }
a.flag, .flag { color: #b26a00; text-decoration: none; font-weight: normal; }
.callout { background: #eef4fb; border-left: 4px solid var(--accent); padding: 10px 14px; font-weight: bold; border-radius: 0 6px 6px 0; }
.alarm { background: #fdecea; border-left: 4px solid var(--bad); padding: 10px 14px; border-radius: 0 6px 6px 0; }
.tag { display: inline-block; font-size: 11px; font-weight: normal; color: var(--muted); border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; margin-left: 4px; }
code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--panel); padding: 10px 12px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
figure { margin: 22px 0; break-inside: avoid; page-break-inside: avoid; }
.chart { min-height: 120px; overflow-x: auto; }
.chart svg, .chart canvas { max-width: 100%; height: auto; }
.chart .error { color: var(--bad); }
.note { color: var(--muted); font-size: 13.5px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; border-top: 1px solid var(--rule); padding-top: 10px; }
#vg-tooltip-element { font-family: "DejaVu Sans", Verdana, Helvetica, Arial, sans-serif; font-size: 12px; }
@media print {
  @page { margin: 14mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .screen-only { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .verdict { background: none; border: 1px solid #999; border-left: 5px solid #333; }
  table { font-size: 9.5pt; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  .chart { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
