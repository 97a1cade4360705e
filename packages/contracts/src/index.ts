export * from './queues';
export * from './ids';
export * from './failures';
export * from './payloads';
export * from './status';
export * from './document';
export * from './sources';
export * from './story-format';
