/** modules/io: its one entry; other modules import only this. */
export * from './errno';
export * from './escape';
export * from './read-file';
