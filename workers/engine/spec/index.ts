export * from './schema.ts';
export * from './shapes.ts';
export * from './names.ts';
export * from './validate.ts';
export * from './presets.ts';
export * from './keras-code.ts';
export * from './limits.ts';
