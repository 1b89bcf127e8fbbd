/**
 * modules/cli: one runner for every command; other modules import only this.
 * lazy-modules first: importing this module installs it before cdktf or zod load.
 */
import './lazy-modules';
export * from './run';
