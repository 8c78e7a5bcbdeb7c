package org.xcaibridge.bench;

import java.nio.file.Path;
import java.util.function.DoubleSupplier;

/** CPU seconds used so far by one JVM of the bench, and by its JIT compiler threads (-1 if not known). */
record JvmMeter(DoubleSupplier cpu, DoubleSupplier jit) {
  static final JvmMeter NONE = new JvmMeter(() -> 0, () -> 0);
  /** This JVM: the bridge's. */
  static final JvmMeter SELF = new JvmMeter(() -> ((com.sun.management.OperatingSystemMXBean) java.lang.management
      .ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9, () -> {
        long t = ChildJvm.taskTicks(Path.of("/proc/self"), true);
        return t < 0 ? -1 : t / 100.0;
      });

  static JvmMeter of(ChildJvm child) {
    return new JvmMeter(child::cpuSeconds, child::jitSeconds);
  }
}
