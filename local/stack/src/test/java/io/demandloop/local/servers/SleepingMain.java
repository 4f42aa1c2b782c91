package io.demandloop.local.servers;

/** A stand-in server for {@link ChildProcessMainTest}: a main that keeps its JVM alive on a non-daemon thread. */
public final class SleepingMain {

    private SleepingMain() {
    }

    /**
     * Starts a non-daemon thread that sleeps forever, then returns like a server's main does.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sleeper");
        sleeper.start();
        System.out.println("sleeping");
    }
}
