package io.demandloop.local.servers;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Entry point of every server child JVM: ties the child's life to its parent's, then runs the real main class.
 *
 * <p>Usage: {@code java -cp <this class>:<server libs> io.demandloop.local.servers.ChildProcessMain <main class>
 * [args...]}.
 *
 * <p>The parent keeps the child's standard input as an open pipe and never writes to it. When the parent goes away
 * in any way, including {@code kill -9} where no shutdown hook runs, the operating system closes the write end of
 * that pipe, the read here returns end-of-file, and the child halts at once. A shutdown hook alone could not do
 * this, and a child that outlives its parent keeps its port and, for DynamoDB Local, its database file locked.
 *
 * <p>This class runs on the servers' classpath, so it must depend on nothing but the JDK (no SLF4J, none of our
 * other classes) and have no nested classes: {@link ChildServerProcess} copies exactly this one class file.
 */
public final class ChildProcessMain {

    private ChildProcessMain() {
    }

    /**
     * Starts the stdin watchdog, then runs {@code args[0]}'s {@code main} with the remaining arguments.
     *
     * @param args the fully qualified main class, followed by its arguments
     * @throws Exception never in practice: a failing main halts the JVM with status 1 after reporting the failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ChildProcessMain <main class> [args...]");
            Runtime.getRuntime().halt(2);
        }
        Thread watchdog = new Thread(ChildProcessMain::haltAtEndOfInput, "parent-watchdog");
        // Daemon, so that it never keeps a server that stopped by itself alive.
        watchdog.setDaemon(true);
        watchdog.start();

        String[] serverArgs = Arrays.copyOfRange(args, 1, args.length);
        try {
            Method main = Class.forName(args[0]).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                throw new NoSuchMethodException(args[0] + ".main is not static");
            }
            main.invoke(null, (Object) serverArgs);
        } catch (InvocationTargetException e) {
            failed(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            failed(e);
        }
        // Returning is fine: servers keep running on their own non-daemon threads.
    }

    private static void haltAtEndOfInput() {
        byte[] buffer = new byte[256];
        try (InputStream in = System.in) {
            while (in.read(buffer) != -1) {
                // The parent never writes; anything it did write is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the same as end-of-file: the parent is gone.
        }
        // halt, not exit: shutdown hooks or non-daemon threads of the server must not delay the end.
        Runtime.getRuntime().halt(0);
    }

    private static void failed(Throwable failure) {
        // Report through the JVM's own uncaught-exception output (this goes to the server's log file), then stop:
        // a server whose main failed may still have non-daemon threads that would keep a half-started JVM alive.
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, failure);
        Runtime.getRuntime().halt(1);
    }
}
