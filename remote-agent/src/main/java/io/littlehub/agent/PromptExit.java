package io.littlehub.agent;

/**
 * Ends the agent without HotSpot's wait for threads in native code. JDK 17's {@code java.net.http.HttpClient} (the hub
 * API's) keeps a selector thread in {@code epoll_wait} until its client is garbage-collected, and {@code System.exit}
 * waits up to 0.3 s for such threads before the process ends (the VM's exit operation, in 10 ms steps): 0.3 s of every
 * {@code students}, which asks the hub on its main thread, measured on a test VM. Those threads are interrupted
 * first, which ends their loop at once; nothing else of theirs is left to do at an exit.
 */
final class PromptExit {
    /** The JDK's name of an HttpClient's selector thread ("HttpClient-1-SelectorManager"). */
    static final String SELECTOR_THREAD = "-SelectorManager";

    private PromptExit() {}

    static void exit(int code) {
        wakeSelectorThreads();
        System.exit(code);
    }

    /** Interrupts every HttpClient selector thread; returns how many. */
    static int wakeSelectorThreads() {
        Thread[] threads = new Thread[Thread.activeCount() + 16];
        int n = Thread.enumerate(threads);
        int woken = 0;
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith("HttpClient-")
                    && threads[i].getName().endsWith(SELECTOR_THREAD)) {
                threads[i].interrupt();
                woken++;
            }
        }
        return woken;
    }
}
