export * from './events.ts';
export * from './training.ts';
export * from './losses.ts';
export * from './optimizers.ts';
