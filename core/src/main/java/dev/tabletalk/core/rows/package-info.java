/** Every type that carries row values. Planners may not depend on this package (invariant 8). */
package dev.tabletalk.core.rows;
