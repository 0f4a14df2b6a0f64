import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { toDay } from '../../domain/dates';
import type { Reading } from '../../domain/readings';

/** The grade bands drawn behind the lines (systolic mmHg): normal, high-normal, grade 1, 2, 3. */
const BANDS: { from: number; to: number; color: string }[] = [
  { from: 0, to: 130, color: 'rgba(46, 125, 50, 0.10)' },
  { from: 130, to: 140, color: 'rgba(249, 168, 37, 0.14)' },
  { from: 140, to: 160, color: 'rgba(239, 108, 0, 0.14)' },
  { from: 160, to: 180, color: 'rgba(216, 67, 21, 0.16)' },
  { from: 180, to: 320, color: 'rgba(183, 28, 28, 0.18)' },
];

/** Axis numbers large enough for older eyes. */
const AXIS_FONT = '14px system-ui, sans-serif';

/**
 * Blood pressure (and weight) over time, drawn by uPlot, which loads only with the
 * screens that draw. Days on the x axis; the grade bands behind, so a line climbing into
 * the red is seen without reading a number. The table beside it holds the same numbers.
 */
export function PressureChart(props: { readings: readonly Reading[]; labels: { date: string; systolic: string; diastolic: string; weight: string } }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const points = [...props.readings].filter((r) => r.systolic !== null || r.weightKg !== null).sort((a, b) => a.takenOn.localeCompare(b.takenOn));
    const x = points.map((r) => toDay(r.takenOn) * 86_400);
    const data: uPlot.AlignedData = [x, points.map((r) => r.systolic), points.map((r) => r.diastolic), points.map((r) => r.weightKg)];
    const width = element.clientWidth || 320;
    const chart = new uPlot(
      {
        width,
        height: Math.round(width * 0.6),
        scales: { x: { time: true }, mmHg: { range: [40, 220] }, kg: { auto: true } },
        axes: [{ font: AXIS_FONT }, { scale: 'mmHg', font: AXIS_FONT }, { scale: 'kg', side: 1, grid: { show: false }, font: AXIS_FONT }],
        // The legend names the lines; the numbers are in the table below, not under a finger.
        legend: { live: false },
        series: [
          { label: props.labels.date },
          { label: props.labels.systolic, scale: 'mmHg', stroke: '#b71c1c', width: 2, points: { show: true } },
          { label: props.labels.diastolic, scale: 'mmHg', stroke: '#1565c0', width: 2, points: { show: true } },
          { label: props.labels.weight, scale: 'kg', stroke: '#555', width: 1, dash: [6, 4] },
        ],
        hooks: {
          drawClear: [
            (u) => {
              const { ctx } = u;
              const { left, width: w } = u.bbox;
              for (const band of BANDS) {
                const top = u.valToPos(Math.min(band.to, 220), 'mmHg', true);
                const bottom = u.valToPos(Math.max(band.from, 40), 'mmHg', true);
                ctx.fillStyle = band.color;
                ctx.fillRect(left, top, w, bottom - top);
              }
            },
          ],
        },
      },
      data,
      element,
    );
    performance.mark('so-clb:health-chart-drawn');
    return () => chart.destroy();
  }, [props.readings, props.labels]);
  return <div ref={box} className="chart" aria-hidden="true" />;
}
