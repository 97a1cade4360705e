export * from './client';
export * from './capabilities';
export * from './mapping';
export * from './index-admin';
export * from './query';
export * from './operations';
