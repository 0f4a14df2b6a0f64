import { meetsBudget, type Figure } from './figures';
import type { Machine } from './machine';

export function formatValue(value: number, unit: Figure['unit']): string {
  switch (unit) {
    case 'ms':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value).toLocaleString('en-US')} ms`;
    case 'bytes':
      return `${(value / 1000).toFixed(1)} kB`;
    case 'mutations/s':
      return `${Math.round(value).toLocaleString('en-US')}/s`;
    case 'MB':
      return `${value.toFixed(1)} MB`;
    case 'ratio':
      return `×${value >= 10 ? value.toFixed(0) : value.toFixed(2)}`;
  }
}

function verdict(f: Figure): string {
  const met = meetsBudget(f);
  if (met === undefined) return '';
  const limit = formatValue(f.budget!.limit, f.unit);
  return `${met ? 'pass' : 'MISS'} (${f.budget!.kind === 'max' ? '≤' : '≥'} ${limit})`;
}

export interface Row {
  group: string;
  figure: string;
  slowdown: string;
  runs: string;
  median: string;
  range: string;
  budget: string;
}

export function rows(figures: readonly Figure[]): Row[] {
  return figures.map((f) => ({
    group: f.group,
    figure: f.note ? `${f.label} (${f.note})` : f.label,
    slowdown: f.cpuSlowdown === 1 ? '—' : `${f.cpuSlowdown}×`,
    runs: String(f.runs),
    median: formatValue(f.median, f.unit),
    range: `${formatValue(f.min, f.unit)} – ${formatValue(f.max, f.unit)}`,
    budget: verdict(f),
  }));
}

const HEADINGS: Row = { group: 'group', figure: 'figure', slowdown: 'CPU', runs: 'runs', median: 'median', range: 'min – max', budget: 'budget' };

export function textTable(figures: readonly Figure[]): string {
  const all = [HEADINGS, ...rows(figures)];
  const keys = Object.keys(HEADINGS) as (keyof Row)[];
  const widths = keys.map((k) => Math.max(...all.map((r) => [...r[k]].length)));
  const line = (r: Row) => keys.map((k, i) => r[k].padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

export function markdownTable(figures: readonly Figure[], machine: Machine, command: string): string {
  const keys = Object.keys(HEADINGS) as (keyof Row)[];
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ` +
      `Node ${machine.node}, ${machine.chromium}; phone figures in headless Chromium at 412×823 with the CPU slowed ` +
      `as shown (CDP); medians of the runs shown. Reproduce: \`${command}\`.`,
    '',
    `| ${keys.map((k) => HEADINGS[k]).join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...rows(figures).map((r) => `| ${keys.map((k) => escape(r[k])).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/** Puts the table between the README's bench markers (the section is otherwise hand-written). */
export function replaceReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} section`);
  return `${readme.slice(0, start + README_START.length)}\n${table}\n${readme.slice(end)}`;
}
