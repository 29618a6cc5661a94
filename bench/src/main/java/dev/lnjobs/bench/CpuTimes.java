package dev.lnjobs.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from /proc, in clock ticks (USER_HZ, 100 a second on Linux): the whole machine's busy time (/proc/stat,
 * every process and the kernel's interrupt work), the server JVM's, PostgreSQL's and the bench's own. PostgreSQL is
 * its postmaster and every child of it (backends, writers), with the children the postmaster has already reaped
 * (its cutime/cstime), so a backend that ends between two readings still counts; -1 when unknown (a PostgreSQL on
 * another host). Whatever is busy beyond the three is the rest: other processes and the kernel's softirq work.
 * {@code serverJit} is the part of the server's time its JIT compiler threads spent (HotSpot's "C1 CompilerThread"
 * and "C2 CompilerThread", from /proc/&lt;pid&gt;/task): on two cores C2 still compiles minutes after the start.
 */
record CpuTimes(long machineBusy, long server, long serverJit, long postgres, long bench) {

    static final double TICKS_PER_SECOND = 100.0;

    static CpuTimes now(long serverPid, long postmasterPid) throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length && i <= 8; i++) { // user..steal; guest time is already in user
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(cpu[i]);
            }
        }
        return new CpuTimes(busy, processTicks(serverPid), jitTicks(serverPid), postgresTicks(postmasterPid),
                processTicks(ProcessHandle.current().pid()));
    }

    /** utime + stime of a process; the fields after the command name in parentheses. */
    private static long processTicks(long pid) throws IOException {
        String[] fields = statFields(pid);
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * utime + stime of the process's JIT compiler threads alive now. On two cores HotSpot runs one of each kind for
     * its whole life; with more it may stop idle extra ones, whose time then drops out (a difference is kept >= 0).
     */
    private static long jitTicks(long pid) throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException gone) {
                    // the thread ended while the directory was read
                }
            }
        }
        return ticks;
    }

    private static long postgresTicks(long postmasterPid) throws IOException {
        if (postmasterPid <= 0) {
            return -1;
        }
        String[] postmaster = statFields(postmasterPid);
        long ticks = 0;
        for (int i = 11; i <= 14; i++) { // utime, stime, cutime, cstime
            ticks += Long.parseLong(postmaster[i]);
        }
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String[] fields = statFields(Long.parseLong(proc.getFileName().toString()));
                    if (Long.parseLong(fields[1]) == postmasterPid) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException gone) {
                    // the process ended while the directory was read
                }
            }
        }
        return ticks;
    }

    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    CpuTimes since(CpuTimes start) {
        return new CpuTimes(machineBusy - start.machineBusy, server - start.server,
                Math.max(0, serverJit - start.serverJit),
                postgres < 0 || start.postgres < 0 ? -1 : postgres - start.postgres, bench - start.bench);
    }

    long rest() {
        return Math.max(0, machineBusy - server - Math.max(0, postgres) - bench);
    }
}
