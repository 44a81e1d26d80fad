import { type CSSProperties, useEffect } from 'react';
import { useParams } from 'react-router';
import { countHeading, GOING_ON } from '../../../../shared/notices/count-reading.ts';
import { type CountBoard, useCountBoard } from './use-count-board.ts';

/**
 * The 唱票 board (route `count-board/:token`, no sign-in: the link's token is the credential):
 * full screen on the assembly's projector, white on black in type readable from the back of the
 * hall at 1280×720 and 1920×1080. Each candidate's count as a bar and a number, the ballots
 * counted against those issued, the round's status; once closed, who is elected and the address
 * of the public recount file. It polls every second (see use-count-board.ts).
 */

type Round = NonNullable<CountBoard['round']>;

const COLORS = { back: '#000', text: '#fff', dim: '#b8b8b8', bar: '#ffd400', accent: '#ff5252' };

/** What each kind's main number counts, and its other marks' names. */
const MARK_NAMES: Record<string, string> = {
  votes: '推荐票',
  for: '赞成',
  against: '不赞成',
  abstain: '弃权',
  satisfied: '满意',
  basically: '基本满意',
  unsatisfied: '不满意',
};

const STATUS: Record<Round['status'], { text: string; color: string }> = {
  open: { text: '计票中', color: COLORS.bar },
  closed: { text: '计票结束', color: '#69f0ae' },
  void: { text: '本轮无效', color: COLORS.accent },
  'no-quorum': { text: '人数不足 本轮无效', color: COLORS.accent },
};

const screen: CSSProperties = {
  position: 'fixed',
  inset: 0,
  background: COLORS.back,
  color: COLORS.text,
  fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
  display: 'flex',
  flexDirection: 'column',
  padding: '2.5vh 3vw',
  gap: '1.5vh',
  overflow: 'hidden',
};

/** Type scaled to the screen's smaller side: the same layout at 720p and 1080p. */
const size = (vmin: number) => `${vmin}vmin`;

function Message({ text }: { text: string }) {
  return (
    <div style={{ ...screen, alignItems: 'center', justifyContent: 'center' }}>
      <div style={{ fontSize: size(6) }}>{text}</div>
    </div>
  );
}

function CandidateRow({
  name,
  votes,
  marks,
  scale,
  main,
}: {
  name: string;
  votes: number;
  marks: Record<string, number>;
  scale: number;
  main: string;
}) {
  const others = Object.entries(marks).filter(([mark]) => mark !== main);
  return (
    <div
      data-testid="candidate"
      style={{ display: 'flex', alignItems: 'center', gap: '2vw', flex: '1 1 0', minHeight: 0 }}
    >
      <div style={{ width: '18vw', fontSize: size(6.5), fontWeight: 700, whiteSpace: 'nowrap' }}>
        {name}
      </div>
      <div style={{ flex: 1, height: '60%', maxHeight: '10vh', background: '#222' }}>
        <div
          style={{
            width: `${scale > 0 ? (100 * votes) / scale : 0}%`,
            height: '100%',
            background: COLORS.bar,
            transition: 'width 400ms ease-out',
          }}
        />
      </div>
      <div
        data-testid="votes"
        style={{ width: '9vw', textAlign: 'right', fontSize: size(8), fontWeight: 800 }}
      >
        {votes}
      </div>
      {others.length > 0 && (
        <div style={{ width: '14vw', fontSize: size(2.6), color: COLORS.dim, lineHeight: 1.3 }}>
          {others.map(([mark, n]) => (
            <div key={mark}>
              {MARK_NAMES[mark] ?? mark} {n}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** A double click or the F key: full screen (a projector's browser may also use F11). */
const toggleFullScreen = () => {
  if (document.fullscreenElement) void document.exitFullscreen();
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
};

const useFullScreenToggle = () =>
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'f' || event.key === 'F') toggleFullScreen();
    };
    window.addEventListener('dblclick', toggleFullScreen);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('dblclick', toggleFullScreen);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

function Board({ board, round }: { board: CountBoard; round: Round }) {
  const status = STATUS[round.status];
  const { counted, issued, invalid } = round.ballots;
  // Bars are shares of the ballots issued (of those counted until the attendance is in).
  const scale = Math.max(issued ?? 0, counted, 1);
  const main =
    round.kind === 'recommendation' ? 'votes' : round.kind === 'evaluation' ? 'satisfied' : 'for';
  const closed = round.status !== 'open';
  return (
    <div style={screen} data-testid="count-board">
      <header style={{ display: 'flex', alignItems: 'baseline', gap: '2vw', flexWrap: 'wrap' }}>
        <div style={{ fontSize: size(4.5), fontWeight: 700 }}>{board.organization}</div>
        <div style={{ fontSize: size(4.5) }}>{countHeading(round)}</div>
        <div
          data-testid="status"
          style={{ marginLeft: 'auto', fontSize: size(4.5), fontWeight: 700, color: status.color }}
        >
          {status.text}
        </div>
      </header>
      <div data-testid="ballots" style={{ fontSize: size(5), color: COLORS.dim }}>
        已计 <b style={{ color: COLORS.text }}>{counted}</b> 张 / 发出{' '}
        <b style={{ color: COLORS.text }}>{issued ?? '—'}</b> 张
        {invalid > 0 && <span style={{ marginLeft: '2vw' }}>无效 {invalid}</span>}
        <span style={{ marginLeft: '2vw', fontSize: size(3) }}>
          应选 {round.seats} 名 · 条形为{MARK_NAMES[main]}
        </span>
      </div>
      <main style={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        {round.candidates.map((c) => (
          <CandidateRow key={c.memberId} {...c} scale={scale} main={main} />
        ))}
        {round.writeIns.length > 0 && (
          <div style={{ fontSize: size(3.4), color: COLORS.dim, paddingTop: '1vh' }}>
            另选他人:
            {round.writeIns.map((w) => (
              <span key={w.memberId} style={{ marginLeft: '2vw', color: COLORS.text }}>
                {w.name} {w.votes}
              </span>
            ))}
          </div>
        )}
      </main>
      {closed && (
        <footer
          data-testid="result"
          style={{ borderTop: `0.4vh solid ${status.color}`, paddingTop: '1.2vh' }}
        >
          <div style={{ fontSize: size(5.5), fontWeight: 800 }}>
            {round.status === 'closed'
              ? round.elected?.length
                ? `${GOING_ON[round.kind]}:${round.elected.join('、')}`
                : `无人${GOING_ON[round.kind]}`
              : status.text}
          </div>
          {round.recountUrl && (
            <div style={{ fontSize: size(2.6), color: COLORS.dim, wordBreak: 'break-all' }}>
              公开复核文件:{`${window.location.origin}${round.recountUrl}`}
            </div>
          )}
        </footer>
      )}
    </div>
  );
}

export default function CountBoardPage() {
  const { token = '' } = useParams();
  const { board, gone, offline } = useCountBoard(token);
  useFullScreenToggle();
  if (gone) return <Message text="此唱票链接无效或已撤销" />;
  if (!board) return <Message text={offline ? '无法连接服务器,正在重试…' : '正在读取…'} />;
  if (!board.round) return <Message text={`${board.organization}:尚未开始投票`} />;
  return (
    <>
      <Board board={board} round={board.round} />
      {offline && (
        <div
          style={{
            position: 'fixed',
            right: 12,
            bottom: 8,
            color: COLORS.accent,
            fontSize: size(2),
          }}
        >
          连接中断,正在重试…
        </div>
      )}
    </>
  );
}
