/**
 * modules/cli: one runner for every command; other modules import only this.
 * lazy-modules first: importing this module installs it before zod loads.
 */
import './lazy-modules';
export * from './run';
