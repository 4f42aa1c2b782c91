package io.demandloop.infra.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM with nothing but a function's deployment jar and this class on the classpath, as Lambda's
 * runtime would: builds the handler (the function's init), invokes it once with an event file, and prints one line,
 * {@code COLDSTART init=<ms> invoke=<ms> cpu=<ms> main=<ms> answer=...}, then exits. {@link ColdStartHarnessIT} times the process from its start
 * to that line. JDK-only besides the Lambda runtime interfaces the jar carries.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        long t0 = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass)
                .getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), output, new ProbeContext());
        long t2 = System.nanoTime();
        long cpu = cpuMillis();
        // The main thread's own CPU time: the init's and the invocation's critical path, without the warm-up thread's
        // share, the JIT and GC (read after the span; loads the management classes then).
        long mainCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
        System.out.flush();
        System.out.println("COLDSTART init=" + (t1 - t0) / 1_000_000 + " invoke=" + (t2 - t1) / 1_000_000 + " cpu=" + cpu
                + " main=" + mainCpu
                + " answer=" + output.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " "));
        System.out.flush();
        System.exit(0);
    }

    /**
     * The process's CPU time so far (user + system, every thread: the JIT and GC threads included), from
     * {@code /proc/self/stat} in clock ticks of 10 ms; -1 where there is no procfs. Read after the invocation, so it
     * costs the measured span nothing.
     */
    private static long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command name: state is field 3 of the man page, utime 14 and stime 15.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (Exception e) {
            return -1;
        }
    }

    private static final class ProbeContext implements Context {
        @Override public String getAwsRequestId() { return "coldstart-probe"; }
        @Override public String getLogGroupName() { return "/aws/lambda/coldstart-probe"; }
        @Override public String getLogStreamName() { return "probe"; }
        @Override public String getFunctionName() { return "coldstart-probe"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:coldstart-probe"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 30_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.write(message, 0, message.length); }
            };
        }
    }
}
