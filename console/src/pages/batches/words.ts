import type { PresetName } from '../../../../shared/rules/index.ts';

/** The presets a batch may run, as an organizer chooses them (批量选举 is 第一篇's 南京 way). */
export const BATCH_PRESETS: { value: PresetName; label: string }[] = [
  { value: 'nanjing', label: '南京模式(第一篇:批量公推直选)' },
  { value: 'community', label: '社区公推直选(实施细则)' },
  { value: 'regulation', label: '按 2020 年《条例》' },
  { value: 'yuyang', label: '渝阳两推一评(第三篇)' },
];

export const presetLabel = (preset: string) =>
  BATCH_PRESETS.find((p) => p.value === preset)?.label ?? preset;
