import type { StageMachine } from '@stagecraft/schema';
import { localize } from '@stagecraft/schema';
import { useDesigner } from './designer-context.js';

const W = 150;
const H = 44;
const GAP = 60;
/** Vertical middle of the boxes; arcs above are forward moves, below are moves back. */
const MID = 80;

/** The machine as boxes left to right and arrows for transitions (wildcard sources drawn from the top). */
export function StageDiagram({ machine }: { machine: StageMachine }) {
  const { t, locale } = useDesigner();
  const x = (i: number) => 20 + i * (W + GAP);
  const index = new Map(machine.stages.map((s, i) => [s.id, i]));
  const width = x(machine.stages.length) + 20;
  const arrows = machine.transitions.flatMap((tr, k) => {
    const to = index.get(tr.to);
    if (to === undefined) return [];
    const sources = tr.from.flatMap((f) => {
      if (f.startsWith('@') || f === '*') {
        const cat = f === '*' ? null : f.slice(1);
        return machine.stages.flatMap((s, i) => (s.id !== tr.to && (!cat || s.category === cat) ? [i] : []));
      }
      const i = index.get(f);
      return i === undefined ? [] : [i];
    });
    return sources.map((from) => ({
      from,
      to,
      key: `${tr.id}-${from}`,
      label: localize(tr.label, locale),
      lane: k,
    }));
  });
  return (
    <figure className="sc-diagram" aria-label={t('diagram')}>
      <svg width={width} height={2 * MID} viewBox={`0 0 ${width} ${2 * MID}`} role="img">
        <title>{t('diagram')}</title>
        <defs>
          <marker
            id="sc-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
          </marker>
        </defs>
        {arrows.map((a) => {
          const forward = a.to > a.from;
          const y = forward ? MID - H / 2 : MID + H / 2;
          const x1 = x(a.from) + W / 2;
          const x2 = x(a.to) + W / 2;
          const bend = forward ? -(30 + (a.lane % 3) * 14) : 30 + (a.lane % 3) * 14;
          const adjacent = Math.abs(a.to - a.from) === 1 && forward;
          const d = adjacent
            ? `M ${x(a.from) + W} ${MID} L ${x(a.to)} ${MID}`
            : `M ${x1} ${y} C ${x1} ${y + bend}, ${x2} ${y + bend}, ${x2} ${y}`;
          return (
            <path
              key={a.key}
              d={d}
              fill="none"
              stroke="#555"
              strokeWidth="1.5"
              markerEnd="url(#sc-arrow)"
              data-transition={a.key}
            />
          );
        })}
        {machine.stages.map((s, i) => (
          <g key={s.id} data-stage={s.id}>
            <rect
              x={x(i)}
              y={MID - H / 2}
              width={W}
              height={H}
              rx="8"
              fill={s.category === 'won' ? '#e3f6e8' : s.category === 'lost' ? '#fde8e8' : '#eef3ff'}
              stroke={machine.initialStage === s.id ? '#2b59c3' : '#8893a7'}
              strokeWidth={machine.initialStage === s.id ? 2.5 : 1}
            />
            <text x={x(i) + W / 2} y={MID - 4} textAnchor="middle" fontSize="13">
              {localize(s.label, locale)}
            </text>
            <text x={x(i) + W / 2} y={MID + 13} textAnchor="middle" fontSize="11" fill="#667">
              {s.probability}%{machine.initialStage === s.id ? ` · ${t('initial')}` : ''}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
