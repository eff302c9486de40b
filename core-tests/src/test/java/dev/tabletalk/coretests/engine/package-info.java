/** The conversation engine, tested with the testkit's fakes. */
package dev.tabletalk.coretests.engine;
