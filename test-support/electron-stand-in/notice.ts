/** Printed by every test that uses the stand-in, so nobody mistakes its results for the real runtime's. */
export const STAND_IN_NOTICE = 'electron stand-in: records calls; the real Electron runtime cannot be installed here';
