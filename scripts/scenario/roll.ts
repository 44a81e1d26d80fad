import type { Member } from '../../shared/rules/index.ts';

/**
 * A realistic roll for demos and tests, the same every time: a community Party branch of about
 * 60 members (SPEC §2 / seed 第一篇's communities), mostly full members, some probationary, one
 * under 留党察看, a few without e-mail or with the relation elsewhere.
 */

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高'.split('');
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '丽华',
  '海涛',
  '桂兰',
  '明',
  '静',
  '伟',
  '芳',
  '军',
  '敏',
  '磊',
  '洁',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '霞',
];
const EDUCATION: Member['education'][] = [
  'junior',
  'senior',
  'vocational',
  'associate',
  'bachelor',
  'bachelor',
  'master',
];

/** A tiny seeded generator (mulberry32): the same roll on every machine. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const date = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export const makeRoll = (size = 60, seed = 2026, prefix = 'm'): Member[] => {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: size }, (_, i) => {
    const id = `${prefix}${String(i + 1).padStart(3, '0')}`;
    const born = 1955 + Math.floor(random() * 45);
    const probationary = i % 17 === 16;
    const member: Member = {
      id,
      name: `${pick(SURNAMES)}${pick(GIVEN)}`,
      birthDate: date(born, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
      education: pick(EDUCATION),
      status: probationary ? 'probationary' : 'full',
      orgRelationLocal: i % 23 !== 22,
      ...(probationary
        ? {}
        : { fullSince: date(Math.min(2023, born + 22 + Math.floor(random() * 15)), 7, 1) }),
      ...(i % 29 === 28 ? { rights: 'discipline' as const } : {}),
      ...(i % 13 === 12 ? {} : { email: `${id}@example.cn` }),
      healthy: true,
    };
    return member;
  });
};
