/**
 * The print sheets' CSS: A4 pages of fixed size, each sheet its own page (so the pages printed
 * are exactly the sheets), a serif face for the paper, and the toolbar only on screen.
 */
export const PRINT_CSS = `
@page { size: A4; margin: 0; }
.zx-print { background: #e9e9e9; min-height: 100vh; padding: 56px 0 24px; }
.zx-print, .zx-print * { box-sizing: border-box; }
.zx-toolbar { position: fixed; top: 0; left: 0; right: 0; z-index: 10; display: flex; gap: 12px;
  align-items: center; padding: 10px 24px; background: #fff; border-bottom: 1px solid #ddd; }
.zx-sheet { width: 210mm; height: 296mm; margin: 0 auto 12px; padding: 16mm 18mm; background: #fff;
  overflow: hidden; position: relative; color: #000; break-after: page; page-break-after: always;
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", serif;
  font-size: 12pt; line-height: 1.5; }
.zx-sheet:last-child { break-after: auto; page-break-after: auto; }
.zx-sheet h1 { font-size: 20pt; text-align: center; margin: 0 0 2mm; letter-spacing: 2pt; }
.zx-sheet h2 { font-size: 13pt; text-align: center; font-weight: normal; margin: 0 0 5mm; }
.zx-serial { position: absolute; top: 10mm; right: 14mm; text-align: right; line-height: 1.1; }
.zx-serial small { display: block; font-size: 9pt; }
.zx-serial b { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 26pt;
  letter-spacing: 2pt; }
.zx-sheet table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
.zx-sheet th, .zx-sheet td { border: 1px solid #000; padding: 1.5mm 2mm; text-align: center; }
.zx-sheet td.name { font-size: 14pt; letter-spacing: 2pt; }
.zx-ballot td { height: 12mm; }
.zx-ballot td.box { width: 24mm; }
.zx-ballot.zx-compact td { height: 6.5mm; padding: 0 2mm; line-height: 1.2; }
.zx-ballot.zx-compact td.name { font-size: 11.5pt; }
.zx-ballot.zx-compact .zx-rules { font-size: 9.5pt; line-height: 1.35; }
.zx-rules { font-size: 10.5pt; margin-top: 4mm; border-top: 1px solid #000; padding-top: 2mm; }
.zx-rules ol { margin: 1mm 0 0; padding-left: 6mm; }
.zx-signin td { height: 10mm; }
.zx-sheet th { white-space: nowrap; }
.zx-tally td { height: 14mm; }
.zx-tally td.name { width: 30mm; }
.zx-sheet td.write-in { font-size: 10pt; letter-spacing: 0; text-align: left; }
.zx-tally td.marks { width: 34mm; }
.zx-tally td.sum { width: 13mm; }
.zx-line { display: inline-block; min-width: 22mm; border-bottom: 1px solid #000; margin: 0 2mm; }
.zx-signatures { display: flex; justify-content: space-between; margin-top: 8mm; }
.zx-foot { position: absolute; bottom: 8mm; left: 18mm; right: 18mm; font-size: 9pt;
  display: flex; justify-content: space-between; }
@media print {
  .zx-print { background: none; padding: 0; min-height: 0; }
  .zx-toolbar { display: none; }
  .zx-sheet { margin: 0; }
}
`;
