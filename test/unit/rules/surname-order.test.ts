// Proves the 姓氏笔画 order of names: fewer strokes of the surname first, the same count by the
// strokes in 横竖撇点折 order, then the next character, then the shorter name — and that it is not
// the stroke collation browsers ship.
import { describe, expect, it } from 'vitest';
import {
  bySurnameStrokes,
  compareBySurnameStrokes,
  strokeClasses,
} from '../../../shared/rules/surname-order.ts';

const sorted = (names: string[]) => bySurnameStrokes(names, (name) => name);

describe('按姓氏笔画排序', () => {
  it('puts fewer strokes first: 丁 (2) before 王 (4) before 李 (7)', () => {
    expect(sorted(['李明', '王芳', '丁一'])).toEqual(['丁一', '王芳', '李明']);
  });

  it('orders the same count by the first stroke: 丁 (横) before 卜 (竖)', () => {
    expect(sorted(['卜', '丁'])).toEqual(['丁', '卜']);
  });

  it('orders 4 strokes by 横竖撇点折: 王 毛 方 尹 孔', () => {
    expect(sorted(['孔', '尹', '方', '毛', '王'])).toEqual(['王', '毛', '方', '尹', '孔']);
    expect(strokeClasses('孔')).toEqual([5, 2, 1, 5]);
  });

  it('is not Intl’s stroke collation', () => {
    const intl = ['王', '毛', '方', '尹', '孔'].sort(new Intl.Collator('zh-u-co-stroke').compare);
    expect(intl).not.toEqual(['王', '毛', '方', '尹', '孔']);
  });

  it('compares the next character when the surnames are the same, then the length', () => {
    expect(sorted(['王芳', '王一', '王'])).toEqual(['王', '王一', '王芳']);
    expect(compareBySurnameStrokes('张三', '张三')).toBe(0);
  });

  it('puts a name the data does not know after the known ones', () => {
    expect(sorted(['Smith', '王芳'])).toEqual(['王芳', 'Smith']);
  });
});
