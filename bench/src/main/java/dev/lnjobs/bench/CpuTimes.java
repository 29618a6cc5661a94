package dev.lnjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc, in clock ticks (USER_HZ, 100 a second on Linux): the whole machine's busy time, the server's
 * and the bench's own. What is busy beyond those two is PostgreSQL (and the kernel's network work done for it).
 */
record CpuTimes(long machineBusy, long server, long bench) {

    static final double TICKS_PER_SECOND = 100.0;

    static CpuTimes now(long serverPid) throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(cpu[i]);
            }
        }
        return new CpuTimes(busy, processTicks(serverPid), processTicks(ProcessHandle.current().pid()));
    }

    /** utime + stime of a process and its waited-for children; the fields after the command name in parentheses. */
    private static long processTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    CpuTimes since(CpuTimes start) {
        return new CpuTimes(machineBusy - start.machineBusy, server - start.server, bench - start.bench);
    }

    long rest() {
        return Math.max(0, machineBusy - server - bench);
    }
}
