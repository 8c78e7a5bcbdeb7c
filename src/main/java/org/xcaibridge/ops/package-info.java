/**
 * Running the bridge: {@link org.xcaibridge.ops.Main} (server mode and the offline sub-commands),
 * options and, as the bridge grows, configuration, health, readiness and metrics.
 *
 * <p>May import every other package; nothing imports this one (architecture.md, package table).
 */
package org.xcaibridge.ops;
