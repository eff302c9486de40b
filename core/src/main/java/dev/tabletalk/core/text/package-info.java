/**
 * Small text helpers shared by every module that reads names or writes about them: the words of an
 * identifier ({@link dev.tabletalk.core.text.Identifiers}) and the singular of an English plural
 * ({@link dev.tabletalk.core.text.Plurals}). JDK only, no regular expressions on hot paths.
 */
package dev.tabletalk.core.text;
