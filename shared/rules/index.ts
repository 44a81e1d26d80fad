export * from './ballots-schema.ts';
export * from './members.ts';
export * from './presets.ts';
export * from './rules.ts';
export * from './stages.ts';
export * from './tally.ts';
export * from './violations.ts';
