import { shanghaiDate } from '../rules/index.ts';
import type { GoalCategory } from '../store/records.ts';
import type { AnnualReport, ReportGoal } from '../supervision/report.ts';
import { CATEGORY_ORDER } from '../supervision/report.ts';
import { html, htmlDocument, type SafeHtml } from './html.ts';

/**
 * The annual work report as a print-friendly page in the form of 第二篇: the salutation, a
 * numbered section per area of the 任职承诺书 with what was done under each goal (dated, with
 * figures), the problems and next steps, the year's events, the closing and the signature.
 * Black on white, A4, no scripts; every value escaped.
 */

const SECTION_TITLES: Record<GoalCategory, string> = {
  'party-building': '加强党组织建设',
  economy: '发展社区经济',
  employment: '促进充分就业',
  social: '发展其他社会事业',
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (index: number) => NUMERALS[index] ?? String(index + 1);

/** `2026-03-05` → `3月5日`; an instant → its Shanghai day. */
const monthDay = (date: string) => {
  const [, month, day] = shanghaiDay(date).split('-').map(Number);
  return `${month}月${day}日`;
};
const shanghaiDay = (value: string) => (value.length === 10 ? value : shanghaiDate(value));

const STYLE = `
@page { size: A4; margin: 2cm 2.2cm; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #000; font: 12pt/1.8 "Songti SC", "SimSun",
  "Noto Serif CJK SC", "Source Han Serif SC", serif; }
article { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 .25rem; letter-spacing: .05em; }
.subtitle { text-align: center; margin: 0 0 1.5rem; }
h2 { font-size: 13pt; margin: 1.25rem 0 .5rem; }
h3 { font-size: 12pt; margin: .75rem 0 .25rem; font-weight: 600; }
p { margin: .35rem 0; text-indent: 2em; }
p.flush, .sign p { text-indent: 0; }
ol, ul { margin: .25rem 0 .5rem; padding-left: 3.5em; }
li { margin: .15rem 0; }
.figures { color: #333; }
.sign { margin-top: 2rem; text-align: right; }
@media print { article { padding: 0; max-width: none; } h2, h3 { break-after: avoid; } }
`;

const goalSection = (goal: ReportGoal, index: number): SafeHtml => html`
<h3>${index + 1}、${goal.text}</h3>
<p>任期目标:${goal.target}。</p>
${
  goal.progress.length > 0
    ? html`<ol>${goal.progress.map(
        (p) =>
          html`<li>${monthDay(p.at)},${p.text}${p.value === undefined ? '' : html`(数值:${p.value})`}</li>`,
      )}</ol>
<p class="figures">本年度记录工作进展 ${goal.figures.entries} 次${
        goal.figures.total === undefined ? '' : html`,数值合计 ${goal.figures.total}`
      }。</p>`
    : html`<p>本年度尚无进展记录。</p>`
}`;

export const renderReportPage = (report: AnnualReport): string => {
  const title = `${report.organization}${report.year}年度工作报告`;
  const areas = CATEGORY_ORDER.map((category) => ({
    category,
    goals: report.goals.filter((goal) => goal.category === category),
  })).filter((area) => area.goals.length > 0);
  let next = 0;
  const heading = (text: string) => html`<h2>${numeral(next++)}、${text}</h2>`;

  const body = html`
<h1>${title}</h1>
<p class="subtitle">——公推直选任期目标完成情况</p>
<p class="flush">党员同志们:</p>
<p>${report.year}年,${report.organization}在${report.superior}的领导下,围绕书记《任职承诺书》确定的任期目标,结合本社区实际开展工作,主动接受上级党组织和党员群众的监督。现在,根据本届委员会的委托,就一年来的工作报告如下:</p>
${
  areas.length > 0
    ? areas.map(
        (area) =>
          html`${heading(SECTION_TITLES[area.category])}${area.goals.map((goal, i) => goalSection(goal, i))}`,
      )
    : html`<p>本年度尚无经批准的任期目标。</p>`
}
${heading('存在的问题和下一步工作')}
${
  report.openItems.length > 0
    ? html`<ol>${report.openItems.map((item) => html`<li>${item}。</li>`)}</ol>`
    : html`<p>各项任期目标均有进展记录,暂无待办事项。</p>`
}
${
  report.events.length > 0
    ? html`${heading('本年度大事记')}<ul>${report.events.map(
        (event) => html`<li>${monthDay(event.at)},${event.text}。</li>`,
      )}</ul>`
    : ''
}
<p>以上是${report.organization}一年来工作的总结。今后,我们将继续对照任职承诺,关心群众冷暖,多办实事、好事,把各项工作做实、做好,自觉接受党员群众监督。</p>
<div class="sign">
  <p>${report.organization}</p>
  <p>${formatMonth(report.generatedAt)}</p>
</div>`;

  return htmlDocument({ title, style: STYLE, body: html`<article>${body}</article>` });
};

/** `2026年8月` (第二篇 signs with the month). */
const formatMonth = (instant: string) => {
  const [year, month] = shanghaiDate(instant).split('-').map(Number);
  return `${year}年${month}月`;
};
