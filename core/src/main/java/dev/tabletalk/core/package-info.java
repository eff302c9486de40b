/** TableTalk's hexagon: pure Java, JDK and slf4j-api only. */
package dev.tabletalk.core;
