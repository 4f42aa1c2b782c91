package io.demandloop.local.servers;

import java.io.IOException;
import java.util.List;

/**
 * A parent for {@link ChildProcessMainTest} to kill: starts {@link SleepingMain} under {@link ChildProcessMain} the
 * way {@link ChildServerProcess} does (stdin a pipe it holds open), prints the child's pid, then waits.
 */
public final class OrphanProbeParent {

    private OrphanProbeParent() {
    }

    /**
     * Starts the child and waits forever.
     *
     * @param args ignored
     * @throws IOException          when the child cannot start
     * @throws InterruptedException never in practice: the test kills this JVM
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(List.of(ServerDistribution.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"),
                ChildProcessMain.class.getName(), SleepingMain.class.getName()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        System.out.println(child.pid());
        System.out.flush();
        child.waitFor();
    }

}
