import type { PresetName } from '../../../../shared/rules/index.ts';
import { PRESET_NAMES } from '../elections/words.ts';

/** The presets a batch may run, 第一篇's 南京 way (批量公推直选) first. */
const BATCH_ORDER: PresetName[] = ['nanjing', 'community', 'regulation', 'yuyang'];

export const BATCH_PRESETS = BATCH_ORDER.map((value) => ({
  value,
  label: value === 'nanjing' ? `${PRESET_NAMES[value]}(第一篇:批量公推直选)` : PRESET_NAMES[value],
}));

export const presetLabel = (preset: string) => PRESET_NAMES[preset as PresetName] ?? preset;
