/** TableTalk's two exception kinds: a dependency is unavailable, or the configuration is bad. */
package dev.tabletalk.core.error;
