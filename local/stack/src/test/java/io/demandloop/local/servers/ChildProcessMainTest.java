package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChildProcessMainTest {

    /** Only a bound against hanging the build; the assertion is about liveness, not speed. */
    private static final long EXIT_WAIT_SECONDS = 60;

    @Test
    void child_shouldHalt_whenParentIsKilledWithSigkill() throws Exception {
        // GIVEN a parent JVM running a sleeping child under ChildProcessMain
        Process parent = new ProcessBuilder(List.of(ServerDistribution.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"), OrphanProbeParent.class.getName()))
                .redirectErrorStream(true)
                .start();
        long childPid;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            childPid = Long.parseLong(out.readLine().trim());
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            assertThat(child.isAlive()).isTrue();

            // WHEN the parent dies without any chance to clean up
            parent.destroyForcibly().waitFor();

            // THEN the child notices its stdin closing and halts
            child.onExit().get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(child.isAlive()).isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void child_shouldKeepRunning_whileParentHoldsStdinOpen() throws Exception {
        // GIVEN
        Process child = new ProcessBuilder(List.of(ServerDistribution.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"),
                ChildProcessMain.class.getName(), SleepingMain.class.getName()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            // WHEN its main has run and returned
            assertThat(out.readLine()).isEqualTo("sleeping");

            // THEN the server's own non-daemon thread keeps it up, until stdin closes
            assertThat(child.isAlive()).isTrue();
            child.getOutputStream().close();
            assertThat(child.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void child_shouldExitWithStatusOne_whenMainClassIsMissing() throws Exception {
        // GIVEN / WHEN
        Process child = new ProcessBuilder(List.of(ServerDistribution.javaExecutable().toString(),
                "-cp", System.getProperty("java.class.path"),
                ChildProcessMain.class.getName(), "no.such.Main"))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // THEN
        assertThat(child.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(1);
        assertThat(output).contains("ClassNotFoundException: no.such.Main");
        assertThat(Optional.of(child.pid()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
