package io.demandloop.local.servers;

/** The one thing of {@link ChildServerProcess} the stack outside this package may change: how the exit stops it. */
public final class ChildServerProcessAccess {

    private ChildServerProcessAccess() {
    }

    /** See {@code LocalStack.stopsInOrderAtExit()}. */
    public static void stopInOrderAtExit() {
        ChildServerProcess.stopInOrderAtExit();
    }
}
