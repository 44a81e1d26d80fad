import type { Block } from './blocks.ts';

/** The plain-text body: one block a paragraph, blank lines between. */

const blockText = (block: Block): string => {
  switch (block.kind) {
    case 'paragraph':
    case 'note':
      return block.text;
    case 'heading':
      return `【${block.text}】`;
    case 'list':
      return block.items
        .map((item, index) => `${block.ordered ? `${index + 1}.` : '·'} ${item}`)
        .join('\n');
    case 'facts':
      return block.rows.map(([label, value]) => `${label}:${value}`).join('\n');
    case 'table':
      return [block.head, ...block.rows].map((row) => row.join(' | ')).join('\n');
    case 'quote':
      return block.text
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'action':
      return `${block.label}:${block.url}`;
  }
};

export interface TextLayout {
  greeting: string;
  blocks: Block[];
  footer: string[];
}

export const renderText = ({ greeting, blocks, footer }: TextLayout): string =>
  [greeting, ...blocks.map(blockText), ['——', ...footer].join('\n')].join('\n\n').concat('\n');
