/** modules/output: folders this project writes are ours or refused, and replaced without a moment of loss. */
export { realFs } from './fs';
export type { OutputFs } from './fs';
export { MARKER, markerText } from './marker';
export type { OutputKind } from './marker';
export { checkLocation, OutputRefused } from './guard';
export type { Places } from './guard';
export { prepareOutput, recoverLeftovers, replaceOutput } from './swap';
export type { ReplaceOptions } from './swap';
export { writeFileAtomic } from './atomic';
export { checkReportPath, clearReport, writeReport } from './report';
export type { ReportKind } from './report';
export { assertNoLink } from './no-links';
