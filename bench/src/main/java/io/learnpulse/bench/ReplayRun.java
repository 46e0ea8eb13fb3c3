package io.learnpulse.bench;

/**
 * One replay in its own process: wall seconds of the replay itself (its cluster's start excluded),
 * the CPU-seconds of its process meanwhile, the lines it read and the alerts it wrote.
 */
record ReplayRun(double seconds, double cpu, long inputs, long alerts) {
    double rate() {
        return inputs / seconds;
    }

    double perCpuSecond() {
        return inputs / cpu;
    }

    double cores() {
        return cpu / seconds;
    }
}
