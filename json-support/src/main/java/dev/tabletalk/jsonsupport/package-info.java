/**
 * What every module that reads or writes JSON on the wire shares: one strict, plain configuration
 * ({@link dev.tabletalk.jsonsupport.StrictJson}). Depends on Jackson only, and on no TableTalk module.
 */
package dev.tabletalk.jsonsupport;
